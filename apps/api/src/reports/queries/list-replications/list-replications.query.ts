import { Query } from '@nestjs/cqrs';
import type { ReplicationFilter, ReplicationItem, Page } from '@apo/projections';

export class ListReplicationsQuery extends Query<Page<ReplicationItem>> {
  constructor(readonly filter: ReplicationFilter) {
    super();
  }
}
