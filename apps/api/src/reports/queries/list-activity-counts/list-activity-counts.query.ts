import { Query } from '@nestjs/cqrs';
import type { ActivityCountFilter, ActivityCountItem, Page } from '@apo/projections';

export class ListActivityCountsQuery extends Query<Page<ActivityCountItem>> {
  constructor(readonly filter: ActivityCountFilter) {
    super();
  }
}
