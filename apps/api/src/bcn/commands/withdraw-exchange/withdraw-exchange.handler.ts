import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { WithdrawExchangeCommand } from './withdraw-exchange.command';

@CommandHandler(WithdrawExchangeCommand)
export class WithdrawExchangeHandler extends BcnCommandHandler<WithdrawExchangeCommand> {}
