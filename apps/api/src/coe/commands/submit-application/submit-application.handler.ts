import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { SubmitApplicationCommand } from './submit-application.command';

@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler extends CoeCommandHandler<SubmitApplicationCommand> {}
