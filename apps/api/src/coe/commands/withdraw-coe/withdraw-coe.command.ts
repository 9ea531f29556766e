import { CoeCommand } from '../../shared/coe-command';

export class WithdrawCoeCommand extends CoeCommand {
  readonly type = 'WithdrawCoe';
}
