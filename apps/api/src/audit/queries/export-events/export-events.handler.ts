import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DefinitionRegistry } from '@apo/engine';
import { readLogThrough, type StoredItem } from '@apo/audit';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { readInstanceEvents } from '../../shared/instance-stream';
import { ExportEventsQuery } from './export-events.query';

export type EventSource = AsyncIterable<StoredItem> | Iterable<StoredItem>;

/**
 * The events to export: one instance's (read now, so an unknown id is a 404, and an event the store
 * cannot read a 409, before anything is sent) or the whole log, read lazily page by page as the
 * response is consumed, an event the store cannot read exported as its place and why.
 */
@QueryHandler(ExportEventsQuery)
export class ExportEventsHandler implements IQueryHandler<ExportEventsQuery, EventSource> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ instance }: ExportEventsQuery): Promise<EventSource> {
    if (instance === undefined) return readLogThrough(this.store);
    return (await readInstanceEvents(this.store, this.registry, instance.programme, instance.id)).events;
  }
}
