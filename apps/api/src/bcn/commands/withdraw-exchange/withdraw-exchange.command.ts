import { BcnCommand } from '../../shared/bcn-command';

export class WithdrawExchangeCommand extends BcnCommand {
  readonly type = 'WithdrawExchange';
}
