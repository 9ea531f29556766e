import { CoeCommand } from '../../shared/coe-command';

export class WaiveClosingDateCommand extends CoeCommand {
  readonly type = 'WaiveClosingDate';
}
