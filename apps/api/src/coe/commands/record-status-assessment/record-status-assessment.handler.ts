import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { RecordStatusAssessmentCommand } from './record-status-assessment.command';

@CommandHandler(RecordStatusAssessmentCommand)
export class RecordStatusAssessmentHandler extends CoeCommandHandler<RecordStatusAssessmentCommand> {}
