import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { checkStream, historyOf, type AuditDivergence, type InstanceHistory } from '@apo/audit';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { readCoe } from '../../shared/coe-stream';
import { GetCoeHistoryQuery } from './get-coe-history.query';

export type CoeHistory = InstanceHistory & { id: string; verification: { ok: boolean; divergences: readonly AuditDivergence[] } };

/** Every event of one COE with all its metadata, and whether the stream verifies. */
@QueryHandler(GetCoeHistoryQuery)
export class GetCoeHistoryHandler implements IQueryHandler<GetCoeHistoryQuery, CoeHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ id }: GetCoeHistoryQuery): Promise<CoeHistory> {
    const { streamId, events } = await readCoe(this.store, this.registry, id);
    const { divergences } = checkStream(this.registry, streamId, events);
    return { id, ...historyOf(streamId, events), verification: { ok: divergences.length === 0, divergences } };
  }
}
