import { CoeCommand } from '../../shared/coe-command';

export class LaunchCoeCommand extends CoeCommand {
  readonly type = 'LaunchCoe';
}
