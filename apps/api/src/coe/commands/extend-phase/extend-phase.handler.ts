import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { ExtendPhaseCommand } from './extend-phase.command';

@CommandHandler(ExtendPhaseCommand)
export class ExtendPhaseHandler extends CoeCommandHandler<ExtendPhaseCommand> {}
