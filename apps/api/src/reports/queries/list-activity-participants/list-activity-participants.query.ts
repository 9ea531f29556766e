import { Query } from '@nestjs/cqrs';
import type { ParticipantFilter, ParticipantItem, Page } from '@apo/read-queries';

export class ListActivityParticipantsQuery extends Query<Page<ParticipantItem>> {
  constructor(readonly filter: ParticipantFilter) {
    super();
  }
}
