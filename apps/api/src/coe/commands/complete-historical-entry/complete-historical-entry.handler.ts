import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { CompleteHistoricalEntryCommand } from './complete-historical-entry.command';

@CommandHandler(CompleteHistoricalEntryCommand)
export class CompleteHistoricalEntryHandler extends CoeCommandHandler<CompleteHistoricalEntryCommand> {}
