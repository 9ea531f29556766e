import { UnreadableEvent, type EventStore, type ReadAllOptions, type RecordedEvent } from '@apo/event-store';

/** A place in the log: its position, and the business time of the event there (null when the store cannot read it, nor the few events beyond). */
export interface LogPoint {
  readonly position: bigint;
  readonly recordedAt: string | null;
}

/**
 * `store.readAll`, reading on past an event the store cannot read: it comes in its place as its
 * `UnreadableEvent` (which has a position), and the read goes on after it.
 */
export async function* readAllItems(store: EventStore, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent | UnreadableEvent> {
  let position = options.position;
  let left = options.maxCount ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    try {
      const bounds = { ...(position === undefined ? {} : { position }), ...(Number.isFinite(left) ? { maxCount: left } : {}) };
      for await (const event of store.readAll({ ...options, ...bounds })) {
        left--;
        position = event.position;
        yield event;
      }
      return;
    } catch (error) {
      if (!(error instanceof UnreadableEvent)) throw error;
      left--;
      position = error.position;
      yield error;
    }
  }
}

/** Unreadable events looked past for a recordedAt before giving up on one. */
const LOOK_PAST = 100;

/** The first place `options` reads (one event at a time: usually one is enough). */
async function pointAt(store: EventStore, options: ReadAllOptions): Promise<LogPoint | undefined> {
  let first: bigint | undefined;
  let position = options.position;
  for (let looked = 0; looked < LOOK_PAST; looked++) {
    let item: RecordedEvent | UnreadableEvent | undefined;
    for await (const found of readAllItems(store, { ...options, ...(position === undefined ? {} : { position }), maxCount: 1 })) item = found;
    if (item === undefined) break;
    first ??= item.position;
    if (!(item instanceof UnreadableEvent)) return { position: first, recordedAt: recordedAtOf(item) };
    position = item.position;
  }
  return first === undefined ? undefined : { position: first, recordedAt: null };
}

/** The last event of the global log (even one the store cannot read; `store.headPosition`), or undefined for an empty store. */
export async function logHead(store: EventStore): Promise<LogPoint | undefined> {
  const position = await store.headPosition();
  if (position === 0n) return undefined;
  const last = await pointAt(store, { direction: 'backwards', position: position + 1n });
  return { position, recordedAt: last?.recordedAt ?? null };
}

export function firstEventAfter(store: EventStore, position: bigint | null): Promise<LogPoint | undefined> {
  return pointAt(store, position === null ? {} : { position });
}

/** Events after `position` (readable or not), counted up to `cap` (a status call must stay cheap on a long lag). */
export async function countEventsAfter(store: EventStore, position: bigint | null, cap: number): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  for await (const _item of readAllItems(store, { maxCount: cap + 1, ...(position === null ? {} : { position }) })) count++;
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

/** The business clock of an event: the engine's `recordedAt`, or the store's write time. */
export function recordedAtOf(event: RecordedEvent): string {
  const recordedAt = event.metadata.recordedAt;
  return typeof recordedAt === 'string' ? recordedAt : event.createdAt;
}
