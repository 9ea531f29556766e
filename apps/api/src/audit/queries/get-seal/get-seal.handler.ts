import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sealStore, type Seal } from '@apo/audit';
import type { Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { GetSealQuery } from './get-seal.query';

/** The digest over every stream head, with the heads (a seal file an auditor can keep). */
@QueryHandler(GetSealQuery)
export class GetSealHandler implements IQueryHandler<GetSealQuery, Seal> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(CLOCK) private readonly clock: Clock) {}

  execute(): Promise<Seal> {
    return sealStore(this.store, this.clock.now().toISOString());
  }
}
