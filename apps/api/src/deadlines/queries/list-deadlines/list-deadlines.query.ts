import { Query } from '@nestjs/cqrs';
import type { DeadlineFilter, DeadlineItem, Page } from '@apo/read-queries';

/** Open deadlines; `today` is filled in by the handler from the Clock. */
export class ListDeadlinesQuery extends Query<Page<DeadlineItem>> {
  constructor(readonly filter: Omit<DeadlineFilter, 'today'>) {
    super();
  }
}
