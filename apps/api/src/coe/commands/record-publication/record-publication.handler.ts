import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { RecordPublicationCommand } from './record-publication.command';

@CommandHandler(RecordPublicationCommand)
export class RecordPublicationHandler extends CoeCommandHandler<RecordPublicationCommand> {}
