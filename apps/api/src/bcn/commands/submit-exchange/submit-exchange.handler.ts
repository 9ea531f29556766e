import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { SubmitExchangeCommand } from './submit-exchange.command';

@CommandHandler(SubmitExchangeCommand)
export class SubmitExchangeHandler extends BcnCommandHandler<SubmitExchangeCommand> {}
