import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { stateAt, type StateAt } from '@apo/audit';
import { DefinitionRegistry, type Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { readInstanceEvents } from '../../shared/instance-stream';
import { GetStateQuery } from './get-state.query';

/** `overdue`: past a due date on the day asked about (only COEs have due dates; null for a revision). */
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
    // Overdue on the day asked about (today when no date): undefined for a revision, which has no day.
    const day = asOf.revision !== undefined ? undefined : (asOf.at ?? this.clock.now().toISOString().slice(0, 10));
    const dueDate = typeof s.details.dueDate === 'string' ? s.details.dueDate : null;
    const overdue = day === undefined ? null : dueDate !== null && s.state.startsWith('active.') && day > dueDate;
    return { id, ...s, overdue };
  }
}
