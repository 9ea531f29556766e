import { CoeCommand } from '../../shared/coe-command';

export class StartReviewCommand extends CoeCommand {
  readonly type = 'StartReview';
}
