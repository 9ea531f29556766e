import { CoeCommand } from '../../shared/coe-command';

export class RecordReplicationCommand extends CoeCommand {
  readonly type = 'RecordReplication';
}
