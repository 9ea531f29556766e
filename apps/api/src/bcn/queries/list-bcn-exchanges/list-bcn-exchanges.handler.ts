import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReadStore } from '@apo/read-store';
import { listBcnExchanges, type BcnExchangeItem, type Page } from '@apo/read-queries';
import { READ_STORE } from '../../../infrastructure/tokens';
import { ListBcnExchangesQuery } from './list-bcn-exchanges.query';

export type BcnExchangeListPage = Page<BcnExchangeItem>;

/** Exchanges from the BCN read model (kept by the projection runner; see `position`). */
@QueryHandler(ListBcnExchangesQuery)
export class ListBcnExchangesHandler implements IQueryHandler<ListBcnExchangesQuery, BcnExchangeListPage> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  execute({ filter }: ListBcnExchangesQuery): Promise<BcnExchangeListPage> {
    return listBcnExchanges(this.readStore, filter);
  }
}
