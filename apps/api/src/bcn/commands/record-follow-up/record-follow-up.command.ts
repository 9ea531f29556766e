import { BcnCommand } from '../../shared/bcn-command';

export class RecordFollowUpCommand extends BcnCommand {
  readonly type = 'RecordFollowUp';
}
