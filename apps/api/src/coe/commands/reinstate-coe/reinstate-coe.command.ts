import { CoeCommand } from '../../shared/coe-command';

export class ReinstateCoeCommand extends CoeCommand {
  readonly type = 'ReinstateCoe';
}
