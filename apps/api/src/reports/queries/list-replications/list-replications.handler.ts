import { QueryHandler } from '@nestjs/cqrs';
import { listReplications, type ReplicationItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListReplicationsQuery } from './list-replications.query';

@QueryHandler(ListReplicationsQuery)
export class ListReplicationsHandler extends ReadStoreHandler<ListReplicationsQuery> {
  execute({ filter }: ListReplicationsQuery): Promise<Page<ReplicationItem>> {
    return listReplications(this.readStore, filter);
  }
}
