import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { RecordActivityCommand } from './record-activity.command';

@CommandHandler(RecordActivityCommand)
export class RecordActivityHandler extends CoeCommandHandler<RecordActivityCommand> {}
