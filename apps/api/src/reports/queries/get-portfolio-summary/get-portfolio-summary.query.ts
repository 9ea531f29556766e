import { Query } from '@nestjs/cqrs';
import type { Page, PortfolioFilter, PortfolioRow } from '@apo/read-queries';

export class GetPortfolioSummaryQuery extends Query<Page<PortfolioRow>> {
  constructor(readonly filter: PortfolioFilter & { readonly limit: number; readonly offset: number }) {
    super();
  }
}
