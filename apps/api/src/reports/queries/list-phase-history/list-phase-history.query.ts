import { Query } from '@nestjs/cqrs';
import type { PhaseHistoryFilter, PhaseHistoryItem, Page } from '@apo/projections';

export class ListPhaseHistoryQuery extends Query<Page<PhaseHistoryItem>> {
  constructor(readonly filter: PhaseHistoryFilter) {
    super();
  }
}
