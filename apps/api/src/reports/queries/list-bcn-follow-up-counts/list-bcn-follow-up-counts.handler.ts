import { QueryHandler } from '@nestjs/cqrs';
import { bcnFollowUpCounts, type BcnFollowUpCountRow, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListBcnFollowUpCountsQuery } from './list-bcn-follow-up-counts.query';

@QueryHandler(ListBcnFollowUpCountsQuery)
export class ListBcnFollowUpCountsHandler extends ReadStoreHandler<ListBcnFollowUpCountsQuery> {
  /** Grouped counts (year x kind x economies): paged in memory like the other summaries. */
  async execute({ filter: { limit, offset, ...filter } }: ListBcnFollowUpCountsQuery): Promise<Page<BcnFollowUpCountRow>> {
    const counts = await bcnFollowUpCounts(this.readStore, filter);
    return { ...counts, items: counts.items.slice(offset, offset + limit) };
  }
}
