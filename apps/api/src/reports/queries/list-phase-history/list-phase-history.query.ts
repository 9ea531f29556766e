import { Query } from '@nestjs/cqrs';
import type { PhaseHistoryFilter, PhaseHistoryItem, Page } from '@apo/read-queries';

export class ListPhaseHistoryQuery extends Query<Page<PhaseHistoryItem>> {
  constructor(readonly filter: PhaseHistoryFilter) {
    super();
  }
}
