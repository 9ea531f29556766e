import { CoeCommand } from '../../shared/coe-command';

export class CompleteHistoricalEntryCommand extends CoeCommand {
  readonly type = 'CompleteHistoricalEntry';
}
