import { Query } from '@nestjs/cqrs';
import type { ReplicationFilter, ReplicationItem, Page } from '@apo/read-queries';

export class ListReplicationsQuery extends Query<Page<ReplicationItem>> {
  constructor(readonly filter: ReplicationFilter) {
    super();
  }
}
