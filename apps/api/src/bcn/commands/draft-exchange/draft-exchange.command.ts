import { BcnCommand } from '../../shared/bcn-command';

export class DraftExchangeCommand extends BcnCommand {
  readonly type = 'DraftExchange';
}
