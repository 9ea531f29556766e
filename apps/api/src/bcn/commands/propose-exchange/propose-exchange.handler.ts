import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { ProposeExchangeCommand } from './propose-exchange.command';

@CommandHandler(ProposeExchangeCommand)
export class ProposeExchangeHandler extends BcnCommandHandler<ProposeExchangeCommand> {}
