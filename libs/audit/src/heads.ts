import { UnreadableEvent, type EventStore } from '@apo/event-store';
import { readLogThrough, type StoredItem } from './read-through';

/** The last event of a stream (highest revision) and how many events the stream holds. */
export interface StreamHead {
  readonly streamId: string;
  readonly revision: number;
  /** The head event's `metadata.hash` ('' when its metadata has none, or could not be read). */
  readonly hash: string;
  readonly events: number;
}

export interface LogScan {
  /** Every stream, in the order of its first event in the global log. */
  readonly heads: ReadonlyMap<string, StreamHead>;
  readonly events: number;
}

/** The stored `metadata.hash` of a stream's last event as the seal takes it: '' when it has none or could not be read. */
export const headHashOf = (event: { readonly metadata?: unknown } | UnreadableEvent): string => {
  const hash = event instanceof UnreadableEvent ? undefined : (event.metadata as { hash?: unknown } | null | undefined)?.hash;
  return typeof hash === 'string' ? hash : '';
};

/** `head` (undefined: none yet) after one more event of its stream, read in log order. */
export function headAfter(head: StreamHead | undefined, event: StoredItem): StreamHead {
  const events = (head?.events ?? 0) + 1;
  return !head || event.revision >= head.revision
    ? { streamId: event.streamId, revision: event.revision, hash: headHashOf(event), events }
    : { ...head, events };
}

/**
 * Reads the whole log once (streamed: memory grows with the number of streams, not events) and
 * keeps each stream's head (an unreadable event counts, its hash as ''). `onEvents` is called
 * with the running count every `every` events.
 */
export async function scanHeads(store: EventStore, onEvents?: (events: number) => void, every = 10_000): Promise<LogScan> {
  const heads = new Map<string, StreamHead>();
  let events = 0;
  for await (const event of readLogThrough(store)) {
    events++;
    heads.set(event.streamId, headAfter(heads.get(event.streamId), event));
    if (onEvents && events % every === 0) onEvents(events);
  }
  onEvents?.(events);
  return { heads, events };
}
