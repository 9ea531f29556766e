import { CoeCommand } from '../../shared/coe-command';

export class RecordAssessmentCommand extends CoeCommand {
  readonly type = 'RecordAssessment';
}
