import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { listCoeOverview, type CoeOverviewItem, type Page } from '@apo/read-queries';
import { CLOCK, READ_STORE } from '../../../infrastructure/tokens';
import { ListCoesQuery } from './list-coes.query';

export type CoeListPage = Page<CoeOverviewItem>;

/** COEs from the overview read model (kept by the projection runner; see `position`). */
@QueryHandler(ListCoesQuery)
export class ListCoesHandler implements IQueryHandler<ListCoesQuery, CoeListPage> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore, @Inject(CLOCK) private readonly clock: Clock) {}

  execute({ filter }: ListCoesQuery): Promise<CoeListPage> {
    return listCoeOverview(this.readStore, { ...filter, today: this.clock.now().toISOString().slice(0, 10) });
  }
}
