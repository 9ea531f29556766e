import { CoeCommand } from '../../shared/coe-command';

export class RecordPublicationCommand extends CoeCommand {
  readonly type = 'RecordPublication';
}
