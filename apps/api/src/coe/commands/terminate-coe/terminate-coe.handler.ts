import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { TerminateCoeCommand } from './terminate-coe.command';

@CommandHandler(TerminateCoeCommand)
export class TerminateCoeHandler extends CoeCommandHandler<TerminateCoeCommand> {}
