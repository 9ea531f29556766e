import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { SubmitReportCommand } from './submit-report.command';

@CommandHandler(SubmitReportCommand)
export class SubmitReportHandler extends BcnCommandHandler<SubmitReportCommand> {}
