import { CoeCommand } from '../../shared/coe-command';

export class CorrectRecordCommand extends CoeCommand {
  readonly type = 'CorrectRecord';
}
