import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { StartReviewCommand } from './start-review.command';

@CommandHandler(StartReviewCommand)
export class StartReviewHandler extends CoeCommandHandler<StartReviewCommand> {}
