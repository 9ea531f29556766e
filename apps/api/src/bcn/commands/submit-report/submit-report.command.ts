import { BcnCommand } from '../../shared/bcn-command';

export class SubmitReportCommand extends BcnCommand {
  readonly type = 'SubmitReport';
}
