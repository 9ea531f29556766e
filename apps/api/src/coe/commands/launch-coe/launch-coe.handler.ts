import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { LaunchCoeCommand } from './launch-coe.command';

@CommandHandler(LaunchCoeCommand)
export class LaunchCoeHandler extends CoeCommandHandler<LaunchCoeCommand> {}
