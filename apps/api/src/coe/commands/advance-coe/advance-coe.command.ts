import { CoeCommand } from '../../shared/coe-command';

export class AdvanceCoeCommand extends CoeCommand {
  readonly type = 'AdvanceCoe';
}
