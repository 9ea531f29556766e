import { BcnCommand } from '../../shared/bcn-command';

export class ApproveExchangeCommand extends BcnCommand {
  readonly type = 'ApproveExchange';
}
