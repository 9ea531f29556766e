import { QueryHandler } from '@nestjs/cqrs';
import { listActivityCounts, type ActivityCountItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListActivityCountsQuery } from './list-activity-counts.query';

@QueryHandler(ListActivityCountsQuery)
export class ListActivityCountsHandler extends ReadStoreHandler<ListActivityCountsQuery> {
  execute({ filter }: ListActivityCountsQuery): Promise<Page<ActivityCountItem>> {
    return listActivityCounts(this.readStore, filter);
  }
}
