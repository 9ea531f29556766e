import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { CorrectRecordCommand } from './correct-record.command';

@CommandHandler(CorrectRecordCommand)
export class CorrectRecordHandler extends CoeCommandHandler<CorrectRecordCommand> {}
