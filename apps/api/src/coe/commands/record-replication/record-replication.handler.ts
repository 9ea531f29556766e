import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { RecordReplicationCommand } from './record-replication.command';

@CommandHandler(RecordReplicationCommand)
export class RecordReplicationHandler extends CoeCommandHandler<RecordReplicationCommand> {}
