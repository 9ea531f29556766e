import { CoeCommand } from '../../shared/coe-command';

export class TerminateCoeCommand extends CoeCommand {
  readonly type = 'TerminateCoe';
}
