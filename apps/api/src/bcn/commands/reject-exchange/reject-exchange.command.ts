import { BcnCommand } from '../../shared/bcn-command';

export class RejectExchangeCommand extends BcnCommand {
  readonly type = 'RejectExchange';
}
