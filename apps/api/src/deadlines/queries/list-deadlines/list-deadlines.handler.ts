import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { listDeadlines, type DeadlineItem, type Page } from '@apo/read-queries';
import { CLOCK, READ_STORE } from '../../../infrastructure/tokens';
import { ReadStoreHandler } from '../../../reports/shared/read-store.handler';
import { ListDeadlinesQuery } from './list-deadlines.query';

/** Judges overdue and days left against the API's Clock (UTC calendar day). */
@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler extends ReadStoreHandler<ListDeadlinesQuery> {
  constructor(@Inject(READ_STORE) readStore: ReadStore, @Inject(CLOCK) private readonly clock: Clock) {
    super(readStore);
  }

  execute({ filter }: ListDeadlinesQuery): Promise<Page<DeadlineItem>> {
    return listDeadlines(this.readStore, { ...filter, today: this.clock.now().toISOString().slice(0, 10) });
  }
}
