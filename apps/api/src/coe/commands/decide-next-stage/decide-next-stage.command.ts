import { CoeCommand } from '../../shared/coe-command';

export class DecideNextStageCommand extends CoeCommand {
  readonly type = 'DecideNextStage';
}
