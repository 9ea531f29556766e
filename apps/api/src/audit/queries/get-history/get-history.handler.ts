import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { checkStream, historyOf, type AuditDivergence, type InstanceHistory } from '@apo/audit';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { readInstanceEvents } from '../../shared/instance-stream';
import { GetHistoryQuery } from './get-history.query';

export type InstanceHistoryView = InstanceHistory & { id: string; verification: { ok: boolean; divergences: readonly AuditDivergence[] } };

/** Every event of one instance (a COE, a BCN exchange) with all its metadata, and whether the stream verifies. */
@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery, InstanceHistoryView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ programme, id }: GetHistoryQuery): Promise<InstanceHistoryView> {
    const { streamId, events } = await readInstanceEvents(this.store, this.registry, programme, id);
    const { divergences } = checkStream(this.registry, streamId, events);
    return { id, ...historyOf(streamId, events), verification: { ok: divergences.length === 0, divergences } };
  }
}
