import { Command } from '@nestjs/cqrs';

export interface RetriedDelivery {
  readonly webhook: string;
  readonly position: string;
  readonly status: 'pending';
  readonly nextAttemptAt: string;
}

/** Puts one dead letter back in its webhook's queue. */
export class RetryDeadLetterCommand extends Command<RetriedDelivery> {
  constructor(
    readonly webhook: string,
    readonly position: string,
  ) {
    super();
  }
}
