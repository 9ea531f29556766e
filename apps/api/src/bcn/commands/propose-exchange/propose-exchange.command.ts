import { BcnCommand } from '../../shared/bcn-command';

export class ProposeExchangeCommand extends BcnCommand {
  readonly type = 'ProposeExchange';
}
