import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { ApproveExchangeCommand } from './approve-exchange.command';

@CommandHandler(ApproveExchangeCommand)
export class ApproveExchangeHandler extends BcnCommandHandler<ApproveExchangeCommand> {}
