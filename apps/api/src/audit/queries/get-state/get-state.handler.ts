import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stateAt, type StateAt } from '@apo/audit';
import { DefinitionRegistry, isOverdueOn, type Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { readInstanceEvents } from '../../shared/instance-stream';
import { GetStateQuery } from './get-state.query';

/** `overdue`: a deadline the definition holds open is past due on the day asked about (null for a revision, or as shown at a recorded time). */
export type StateAtView = StateAt & { id: string; overdue: boolean | null };

/** Time travel: one instance as of a date or revision, replayed through the definition version it was written with. */
@QueryHandler(GetStateQuery)
export class GetStateHandler implements IQueryHandler<GetStateQuery, StateAtView> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ programme, id, asOf }: GetStateQuery): Promise<StateAtView> {
    const { streamId, events } = await readInstanceEvents(this.store, this.registry, programme, id);
    const s = stateAt(this.registry, streamId, events, asOf);
    // Overdue on the business day asked about (today when none; no day for a revision or a state
    // as shown at a recorded time): one of the deadlines the definition holds open is past due.
    const day = asOf.revision !== undefined || (asOf.asAt !== undefined && asOf.at === undefined) ? undefined : (asOf.at ?? this.clock.now().toISOString().slice(0, 10));
    const definition = this.registry.get(s.definition, s.version);
    // As of a business date: what it owed then, however late its history was entered; now: what is open.
    const overdue = day === undefined ? null : isOverdueOn(definition, s.state, s.context, day, asOf.at === undefined ? 'open' : 'owed');
    return { id, ...s, overdue };
  }
}
