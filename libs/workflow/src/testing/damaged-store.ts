import { UnreadableEvent, type EventStore, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from '@apo/event-store';

/** What someone with write access to the store did to one stream's stored events. */
export interface Damage {
  /** The stream's stored events as they now read (edited, dropped, renumbered). */
  readonly edit?: (events: RecordedEvent[]) => RecordedEvent[];
  /** This revision's data no longer parses: the store throws UnreadableEvent when it reads it. */
  readonly unreadable?: number;
}

export const editAt = (revision: number, change: (e: RecordedEvent) => RecordedEvent) => (events: RecordedEvent[]) =>
  events.map((e) => (e.revision === revision ? change(e) : e));

/**
 * The store as it reads after `damage` to `streamId` (tests of the layers above the store, for
 * any adapter): `readStream` answers the edited events with its options applied as the store's
 * query applies them (revision >= fromRevision, revision order, at most maxCount); `readAll`
 * answers each of the stream's events as edited, at its position. `reads` counts the stream's
 * `readStream` calls.
 */
export function damagedStore(store: EventStore, streamId: string, damage: Damage): EventStore & { reads: number } {
  const edited = async () => (damage.edit ?? ((e) => e))(await store.readStream(streamId));
  const unreadable = (event: RecordedEvent) => new UnreadableEvent(streamId, event.revision, event.position, 'data', 'Unexpected end of JSON input');
  const view = {
    reads: 0,
    appendToStream: store.appendToStream.bind(store),
    subscribeToAll: store.subscribeToAll.bind(store),
    headPosition: store.headPosition.bind(store),
    // No copyForReading: a copy of the store's file would not hold the damage.
    close: () => store.close(),
    readStream: async (id: string, options: ReadStreamOptions = {}) => {
      if (id !== streamId) return store.readStream(id, options);
      view.reads++;
      const events = (await edited())
        .filter((e) => e.revision >= (options.fromRevision ?? 0))
        .sort((a, b) => a.revision - b.revision)
        .slice(0, options.maxCount);
      const bad = events.find((e) => e.revision === damage.unreadable);
      if (bad) throw unreadable(bad);
      return events;
    },
    readAll: async function* (options?: ReadAllOptions) {
      const byPosition = new Map((await edited()).map((e) => [e.position, e]));
      for await (const event of store.readAll(options)) {
        if (event.streamId !== streamId) {
          yield event;
          continue;
        }
        const now = byPosition.get(event.position);
        if (!now) continue; // deleted
        if (now.revision === damage.unreadable) throw unreadable(event);
        yield now;
      }
    },
  };
  return view;
}
