import { CoeCommand } from '../../shared/coe-command';

export class ExtendPhaseCommand extends CoeCommand {
  readonly type = 'ExtendPhase';
}
