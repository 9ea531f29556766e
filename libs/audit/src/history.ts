import { NotFound } from '@apo/engine';
import type { EventStore, JsonObject, RecordedEvent } from '@apo/event-store';

/** One stored event with everything it carries; `position` as a decimal string (JSON-safe). */
export interface HistoryEvent {
  readonly revision: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  /** When the store wrote it. */
  readonly createdAt: string;
  readonly data: JsonObject;
  /** The envelope: definition, version, from, to, actor, command/correlation/causation ids, recordedAt, effectiveDate, prevHash, hash. */
  readonly metadata: JsonObject;
}

export interface InstanceHistory {
  readonly streamId: string;
  /** From the first event's envelope (the version the stream is replayed with). */
  readonly definition: string;
  readonly version: number;
  readonly events: readonly HistoryEvent[];
}

export const toHistoryEvent = (event: RecordedEvent): HistoryEvent => ({
  revision: event.revision,
  position: String(event.position),
  eventId: event.eventId,
  type: event.type,
  createdAt: event.createdAt,
  data: event.data,
  metadata: event.metadata,
});

/** Reads a stream; NotFound when it has no events. */
export async function readInstance(store: EventStore, streamId: string, what = 'stream'): Promise<RecordedEvent[]> {
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new NotFound(what, streamId);
  return events;
}

/** Every event of one stream, as stored, in revision order. */
export function historyOf(streamId: string, events: readonly RecordedEvent[]): InstanceHistory {
  const first = events[0]?.metadata ?? {};
  return {
    streamId,
    definition: typeof first.definition === 'string' ? first.definition : 'unknown',
    version: typeof first.version === 'number' ? first.version : 0,
    events: events.map(toHistoryEvent),
  };
}
