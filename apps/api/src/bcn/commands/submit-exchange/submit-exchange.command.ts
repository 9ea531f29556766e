import { BcnCommand } from '../../shared/bcn-command';

export class SubmitExchangeCommand extends BcnCommand {
  readonly type = 'SubmitExchange';
}
