import { Query } from '@nestjs/cqrs';
import type { BcnFollowUpCountRow, BcnFollowUpFilter, Page } from '@apo/read-queries';

export class ListBcnFollowUpCountsQuery extends Query<Page<BcnFollowUpCountRow>> {
  constructor(readonly filter: BcnFollowUpFilter & { readonly limit: number; readonly offset: number }) {
    super();
  }
}
