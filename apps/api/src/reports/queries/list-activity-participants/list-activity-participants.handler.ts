import { QueryHandler } from '@nestjs/cqrs';
import { listActivityParticipants, type ParticipantItem, type Page } from '@apo/read-queries';
import { ReadStoreHandler } from '../../shared/read-store.handler';
import { ListActivityParticipantsQuery } from './list-activity-participants.query';

@QueryHandler(ListActivityParticipantsQuery)
export class ListActivityParticipantsHandler extends ReadStoreHandler<ListActivityParticipantsQuery> {
  execute({ filter }: ListActivityParticipantsQuery): Promise<Page<ParticipantItem>> {
    return listActivityParticipants(this.readStore, filter);
  }
}
