import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { SuspendCoeCommand } from './suspend-coe.command';

@CommandHandler(SuspendCoeCommand)
export class SuspendCoeHandler extends CoeCommandHandler<SuspendCoeCommand> {}
