import { Query } from '@nestjs/cqrs';
import type { BcnExchangeFilter, BcnExchangeItem, Page } from '@apo/read-queries';

export class ListBcnExchangesReportQuery extends Query<Page<BcnExchangeItem>> {
  constructor(readonly filter: BcnExchangeFilter) {
    super();
  }
}
