import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { CloseExchangeCommand } from './close-exchange.command';

@CommandHandler(CloseExchangeCommand)
export class CloseExchangeHandler extends BcnCommandHandler<CloseExchangeCommand> {}
