import { CoeCommand } from '../../shared/coe-command';

export class RecordStatusAssessmentCommand extends CoeCommand {
  readonly type = 'RecordStatusAssessment';
}
