import { QueryHandler } from '@nestjs/cqrs';
import { listPhaseHistory, type PhaseHistoryItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListPhaseHistoryQuery } from './list-phase-history.query';

@QueryHandler(ListPhaseHistoryQuery)
export class ListPhaseHistoryHandler extends ReadStoreHandler<ListPhaseHistoryQuery> {
  execute({ filter }: ListPhaseHistoryQuery): Promise<Page<PhaseHistoryItem>> {
    return listPhaseHistory(this.readStore, filter);
  }
}
