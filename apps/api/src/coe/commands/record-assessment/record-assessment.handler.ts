import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { RecordAssessmentCommand } from './record-assessment.command';

@CommandHandler(RecordAssessmentCommand)
export class RecordAssessmentHandler extends CoeCommandHandler<RecordAssessmentCommand> {}
