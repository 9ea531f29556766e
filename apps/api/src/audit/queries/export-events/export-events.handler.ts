import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { readInstanceEvents } from '../../shared/instance-stream';
import { ExportEventsQuery } from './export-events.query';

export type EventSource = AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>;

/**
 * The events to export: one instance's (read now, so an unknown id is a 404 before anything is sent)
 * or the whole log, read lazily page by page as the response is consumed.
 */
@QueryHandler(ExportEventsQuery)
export class ExportEventsHandler implements IQueryHandler<ExportEventsQuery, EventSource> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ instance }: ExportEventsQuery): Promise<EventSource> {
    if (instance === undefined) return this.store.readAll();
    return (await readInstanceEvents(this.store, this.registry, instance.programme, instance.id)).events;
  }
}
