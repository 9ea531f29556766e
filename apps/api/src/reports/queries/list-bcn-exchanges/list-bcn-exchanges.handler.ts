import { QueryHandler } from '@nestjs/cqrs';
import { listBcnExchanges, type BcnExchangeItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListBcnExchangesReportQuery } from './list-bcn-exchanges.query';

@QueryHandler(ListBcnExchangesReportQuery)
export class ListBcnExchangesReportHandler extends ReadStoreHandler<ListBcnExchangesReportQuery> {
  execute({ filter }: ListBcnExchangesReportQuery): Promise<Page<BcnExchangeItem>> {
    return listBcnExchanges(this.readStore, filter);
  }
}
