import { CoeCommand } from '../../shared/coe-command';

export class SuspendCoeCommand extends CoeCommand {
  readonly type = 'SuspendCoe';
}
