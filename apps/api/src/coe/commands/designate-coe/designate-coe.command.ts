import { CoeCommand } from '../../shared/coe-command';

export class DesignateCoeCommand extends CoeCommand {
  readonly type = 'DesignateCoe';
}
