import { BcnCommand } from '../../shared/bcn-command';

export class CloseExchangeCommand extends BcnCommand {
  readonly type = 'CloseExchange';
}
