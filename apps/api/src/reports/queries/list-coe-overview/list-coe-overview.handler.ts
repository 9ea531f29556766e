import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { listCoeOverview, type CoeOverviewItem, type Page } from '@apo/read-queries';
import { CLOCK, READ_STORE } from '../../../infrastructure/tokens';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListCoeOverviewQuery } from './list-coe-overview.query';

@QueryHandler(ListCoeOverviewQuery)
export class ListCoeOverviewHandler extends ReadStoreHandler<ListCoeOverviewQuery> {
  constructor(@Inject(READ_STORE) readStore: ReadStore, @Inject(CLOCK) private readonly clock: Clock) {
    super(readStore);
  }

  /** Overdue is judged on the API clock's day, as GET /coes does. */
  execute({ filter }: ListCoeOverviewQuery): Promise<Page<CoeOverviewItem>> {
    return listCoeOverview(this.readStore, { ...filter, today: this.clock.now().toISOString().slice(0, 10) });
  }
}
