import { Query } from '@nestjs/cqrs';
import type { BcnWindowFilter, BcnWindowRow, Page } from '@apo/read-queries';

export class GetBcnWindowStatisticsQuery extends Query<Page<BcnWindowRow>> {
  constructor(readonly filter: BcnWindowFilter & { readonly limit: number; readonly offset: number }) {
    super();
  }
}
