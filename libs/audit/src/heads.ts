import type { EventStore } from '@apo/event-store';

/** The last event of a stream (highest revision) and how many events the stream holds. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  /** The head event's `metadata.hash` ('' when its metadata has none). */
  readonly hash: string;
  readonly events: number;
}

export interface LogScan {
  /** Every stream, in the order of its first event in the global log. */
  readonly heads: ReadonlyMap<string, StreamHead>;
  readonly events: number;
}

const hashOf = (metadata: unknown): string => {
  const hash = (metadata as { hash?: unknown } | null)?.hash;
  return typeof hash === 'string' ? hash : '';
};

/**
 * Reads the whole log once (streamed: memory grows with the number of streams, not events) and
 * keeps each stream's head. `onEvents` is called with the running count every `every` events.
 */
export async function scanHeads(store: EventStore, onEvents?: (events: number) => void, every = 10_000): Promise<LogScan> {
  const heads = new Map<string, StreamHead>();
  let events = 0;
  for await (const event of store.readAll()) {
    events++;
    const head = heads.get(event.streamId);
    const count = (head?.events ?? 0) + 1;
    if (!head || event.revision >= head.revision) {
      heads.set(event.streamId, { streamId: event.streamId, revision: event.revision, hash: hashOf(event.metadata), events: count });
    } else {
      heads.set(event.streamId, { ...head, events: count });
    }
    if (onEvents && events % every === 0) onEvents(events);
  }
  onEvents?.(events);
  return { heads, events };
}
