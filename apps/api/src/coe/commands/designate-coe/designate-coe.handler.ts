import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { DesignateCoeCommand } from './designate-coe.command';

@CommandHandler(DesignateCoeCommand)
export class DesignateCoeHandler extends CoeCommandHandler<DesignateCoeCommand> {}
