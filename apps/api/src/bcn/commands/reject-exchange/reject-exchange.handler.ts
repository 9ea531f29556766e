import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { RejectExchangeCommand } from './reject-exchange.command';

@CommandHandler(RejectExchangeCommand)
export class RejectExchangeHandler extends BcnCommandHandler<RejectExchangeCommand> {}
