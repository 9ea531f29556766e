import { Query } from '@nestjs/cqrs';
import type { ActivityCountFilter, ActivityCountItem, Page } from '@apo/read-queries';

export class ListActivityCountsQuery extends Query<Page<ActivityCountItem>> {
  constructor(readonly filter: ActivityCountFilter) {
    super();
  }
}
