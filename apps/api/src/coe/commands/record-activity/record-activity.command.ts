import { CoeCommand } from '../../shared/coe-command';

export class RecordActivityCommand extends CoeCommand {
  readonly type = 'RecordActivity';
}
