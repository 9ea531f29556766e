import { CoeCommand } from '../../shared/coe-command';

export class SubmitApplicationCommand extends CoeCommand {
  readonly type = 'SubmitApplication';
}
