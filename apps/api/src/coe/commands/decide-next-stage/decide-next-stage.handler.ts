import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { DecideNextStageCommand } from './decide-next-stage.command';

@CommandHandler(DecideNextStageCommand)
export class DecideNextStageHandler extends CoeCommandHandler<DecideNextStageCommand> {}
