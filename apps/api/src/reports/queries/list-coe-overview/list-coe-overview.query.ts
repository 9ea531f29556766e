import { Query } from '@nestjs/cqrs';
import type { CoeOverviewFilter, CoeOverviewItem, Page } from '@apo/read-queries';

/** `today` is filled in by the handler from the API clock. */
export class ListCoeOverviewQuery extends Query<Page<CoeOverviewItem>> {
  constructor(readonly filter: Omit<CoeOverviewFilter, 'today'>) {
    super();
  }
}
