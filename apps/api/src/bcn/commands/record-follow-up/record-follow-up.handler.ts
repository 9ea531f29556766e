import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { RecordFollowUpCommand } from './record-follow-up.command';

@CommandHandler(RecordFollowUpCommand)
export class RecordFollowUpHandler extends BcnCommandHandler<RecordFollowUpCommand> {}
