import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { DraftExchangeCommand } from './draft-exchange.command';

@CommandHandler(DraftExchangeCommand)
export class DraftExchangeHandler extends BcnCommandHandler<DraftExchangeCommand> {}
