import { UnreadableEvent, type EventStore, type RecordedEvent } from '@apo/event-store';

/** A stored event as the log holds it, or, where its data or metadata does not parse, the store's `UnreadableEvent` naming it. */
export type StoredItem = RecordedEvent | UnreadableEvent;
// Part of this library's vocabulary: callers that only know the audit (the CLI) recognise it too.
export { UnreadableEvent };

/** The error if it is an `UnreadableEvent` of `streamId` (any stream when undefined); anything else is thrown again. */
function unreadableOf(error: unknown, streamId?: string): UnreadableEvent {
  if (error instanceof UnreadableEvent && (streamId === undefined || error.streamId === streamId)) return error;
  throw error;
}

/**
 * The whole log in log order as it was when the read started (up to its last position then),
 * reading on past every event the store cannot read (`readAll` again after its position), which
 * comes as the `UnreadableEvent` naming it.
 */
export async function* readLogThrough(store: EventStore): AsyncGenerator<StoredItem> {
  const head = await store.headPosition();
  if (head === 0n) return;
  let after: bigint | undefined;
  for (;;) {
    try {
      for await (const event of store.readAll(after === undefined ? undefined : { position: after })) {
        if (event.position > head) return;
        after = event.position;
        yield event;
      }
      return;
    } catch (error) {
      const unreadable = unreadableOf(error);
      if (unreadable.position > head) return;
      after = unreadable.position;
      yield unreadable;
    }
  }
}

/**
 * One stream in revision order, as `readStream` returns it, with every event the store cannot read
 * in its place as the `UnreadableEvent` naming it (`readStream` throws at the first one and returns
 * nothing). At most `maxCount` items.
 */
export async function readStreamThrough(store: EventStore, streamId: string, maxCount = Number.POSITIVE_INFINITY): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for (let from = 0; items.length < maxCount; ) {
    try {
      items.push(...(await store.readStream(streamId, { fromRevision: from })));
      break;
    } catch (error) {
      const unreadable = unreadableOf(error, streamId);
      items.push(...(await readBefore(store, streamId, from, unreadable.revision)), unreadable);
      from = unreadable.revision + 1;
    }
  }
  return items.slice(0, maxCount);
}

/**
 * The events of revisions from..before-1, when `before` is the first unreadable one from `from`:
 * at once when the revisions have no gap there, else one at a time (a damaged store may skip some).
 */
async function readBefore(store: EventStore, streamId: string, from: number, before: number): Promise<RecordedEvent[]> {
  if (before <= from) return [];
  try {
    const events = await store.readStream(streamId, { fromRevision: from, maxCount: before - from });
    if (events.every((e) => e.revision < before)) return events;
  } catch (error) {
    unreadableOf(error, streamId);
  }
  const events: RecordedEvent[] = [];
  for (let next = from; next < before; ) {
    const [event] = await store.readStream(streamId, { fromRevision: next, maxCount: 1 });
    if (!event || event.revision >= before) break;
    events.push(event);
    next = event.revision + 1;
  }
  return events;
}
