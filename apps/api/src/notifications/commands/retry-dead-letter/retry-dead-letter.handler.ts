import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFound, type Clock } from '@apo/engine';
import { retryDeadLetter } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { CLOCK, READ_STORE } from '../../../infrastructure/tokens';
import { RetryDeadLetterCommand, type RetriedDelivery } from './retry-dead-letter.command';

@CommandHandler(RetryDeadLetterCommand)
export class RetryDeadLetterHandler implements ICommandHandler<RetryDeadLetterCommand> {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ webhook, position }: RetryDeadLetterCommand): Promise<RetriedDelivery> {
    const now = this.clock.now();
    if (!(await retryDeadLetter(this.readStore, webhook, position, now))) throw new NotFound('dead letter', `${webhook}/${position}`);
    return { webhook, position, status: 'pending', nextAttemptAt: now.toISOString() };
  }
}
