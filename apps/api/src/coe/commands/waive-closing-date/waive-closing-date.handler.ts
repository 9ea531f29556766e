import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { WaiveClosingDateCommand } from './waive-closing-date.command';

@CommandHandler(WaiveClosingDateCommand)
export class WaiveClosingDateHandler extends CoeCommandHandler<WaiveClosingDateCommand> {}
