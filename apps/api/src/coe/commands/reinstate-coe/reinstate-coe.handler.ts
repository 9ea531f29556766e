import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { ReinstateCoeCommand } from './reinstate-coe.command';

@CommandHandler(ReinstateCoeCommand)
export class ReinstateCoeHandler extends CoeCommandHandler<ReinstateCoeCommand> {}
