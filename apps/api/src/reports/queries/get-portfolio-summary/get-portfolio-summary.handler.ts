import { QueryHandler } from '@nestjs/cqrs';
import { portfolioSummary, type Page, type PortfolioRow } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { GetPortfolioSummaryQuery } from './get-portfolio-summary.query';

@QueryHandler(GetPortfolioSummaryQuery)
export class GetPortfolioSummaryHandler extends ReadStoreHandler<GetPortfolioSummaryQuery> {
  /** The summary is one row per (economy, focus area) group, few enough to page in memory. */
  async execute({ filter: { limit, offset, ...filter } }: GetPortfolioSummaryQuery): Promise<Page<PortfolioRow>> {
    const summary = await portfolioSummary(this.readStore, filter);
    return { ...summary, items: summary.items.slice(offset, offset + limit) };
  }
}
