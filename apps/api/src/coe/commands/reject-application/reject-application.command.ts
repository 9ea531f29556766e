import { CoeCommand } from '../../shared/coe-command';

export class RejectApplicationCommand extends CoeCommand {
  readonly type = 'RejectApplication';
}
