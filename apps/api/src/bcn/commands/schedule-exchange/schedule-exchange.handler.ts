import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { ScheduleExchangeCommand } from './schedule-exchange.command';

@CommandHandler(ScheduleExchangeCommand)
export class ScheduleExchangeHandler extends BcnCommandHandler<ScheduleExchangeCommand> {}
