import { QueryHandler } from '@nestjs/cqrs';
import { bcnWindowStatistics, type BcnWindowRow, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { GetBcnWindowStatisticsQuery } from './get-bcn-window-statistics.query';

@QueryHandler(GetBcnWindowStatisticsQuery)
export class GetBcnWindowStatisticsHandler extends ReadStoreHandler<GetBcnWindowStatisticsQuery> {
  /** One row per programme year and window: few enough to page in memory. */
  async execute({ filter: { limit, offset, ...filter } }: GetBcnWindowStatisticsQuery): Promise<Page<BcnWindowRow>> {
    const statistics = await bcnWindowStatistics(this.readStore, filter);
    return { ...statistics, items: statistics.items.slice(offset, offset + limit) };
  }
}
