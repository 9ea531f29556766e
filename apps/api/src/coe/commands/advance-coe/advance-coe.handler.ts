import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { AdvanceCoeCommand } from './advance-coe.command';

@CommandHandler(AdvanceCoeCommand)
export class AdvanceCoeHandler extends CoeCommandHandler<AdvanceCoeCommand> {}
