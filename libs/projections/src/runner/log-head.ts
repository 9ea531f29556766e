import type { EventStore, RecordedEvent } from '@apo/event-store';

/** The last event of the global log, or undefined for an empty store. */
export async function lastEvent(store: EventStore): Promise<RecordedEvent | undefined> {
  for await (const event of store.readAll({ direction: 'backwards', maxCount: 1 })) return event;
  return undefined;
}

export async function firstEventAfter(store: EventStore, position: bigint | null): Promise<RecordedEvent | undefined> {
  for await (const event of store.readAll({ maxCount: 1, ...(position === null ? {} : { position }) })) return event;
  return undefined;
}

/** Events after `position`, counted up to `cap` (a status call must stay cheap on a long lag). */
export async function countEventsAfter(store: EventStore, position: bigint | null, cap: number): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  for await (const _event of store.readAll({ maxCount: cap + 1, ...(position === null ? {} : { position }) })) count++;
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

/** The business clock of an event: the engine's `recordedAt`, or the store's write time. */
export function recordedAtOf(event: RecordedEvent): string {
  const recordedAt = event.metadata.recordedAt;
  return typeof recordedAt === 'string' ? recordedAt : event.createdAt;
}
