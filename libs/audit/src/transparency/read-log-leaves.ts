import { UnreadableEvent, type EventStore, type RecordedEvent } from '@apo/event-store';
import { transparencyLeafHashHex } from '@apo/transparency-log';
import type { LogLeaf } from './log-leaf';

/** Events read per `readAll` call. */
const PAGE = 1000;

export interface ReadLogLeavesOptions {
  /** Stop after this many leaves (default: every leaf up to the log's head when the read started). */
  readonly upToSize?: number;
  /** Events per `readAll` page (default 1000). */
  readonly pageSize?: number;
}

/**
 * The transparency log's leaves, read from the global log forwards in pages up to its head when
 * the read started: one leaf per readable event, in log order. An event the store cannot read
 * (`UnreadableEvent`) is no leaf (the projection runner never hands it on either): the read goes
 * on after its position, as `readLogThrough` does.
 */
export async function* readLogLeaves(store: EventStore, options: ReadLogLeavesOptions = {}): AsyncGenerator<LogLeaf> {
  const upToSize = options.upToSize ?? Number.POSITIVE_INFINITY;
  const pageSize = options.pageSize ?? PAGE;
  if (upToSize !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(upToSize) && upToSize >= 0))
    throw new RangeError(`upToSize must be a non-negative integer, not ${upToSize}`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, not ${pageSize}`);
  const head = await store.headPosition();
  let after: bigint | undefined;
  let leafIndex = 0;
  while (leafIndex < upToSize && (after ?? 0n) < head) {
    const page = await readPage(store, after, pageSize);
    if (page.length === 0) return;
    for (const item of page) {
      if (item.position > head || leafIndex >= upToSize) return;
      after = item.position;
      if (item instanceof UnreadableEvent) continue;
      const { streamId, revision, eventId, position } = item;
      yield { leafIndex, position, streamId, revision, eventId, leafHash: transparencyLeafHashHex(item) };
      leafIndex++;
    }
  }
}

/**
 * Up to `pageSize` events after `after`; a page ends early at the first event the store cannot
 * read, which comes last (as the `UnreadableEvent` naming it).
 */
async function readPage(store: EventStore, after: bigint | undefined, pageSize: number): Promise<(RecordedEvent | UnreadableEvent)[]> {
  const page: (RecordedEvent | UnreadableEvent)[] = [];
  try {
    for await (const event of store.readAll({ ...(after === undefined ? {} : { position: after }), maxCount: pageSize })) page.push(event);
  } catch (error) {
    if (!(error instanceof UnreadableEvent)) throw error;
    page.push(error);
  }
  return page;
}
