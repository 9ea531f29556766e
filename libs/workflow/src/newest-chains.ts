import { chainLinkOf, GENESIS_HASH, nextHead, StreamIntegrityError, type ChainHead, type ChainLink, type DefinitionRegistry } from '@apo/engine';
import { UnreadableEvent, type EventStore } from '@apo/event-store';
import { asIntegrityError } from './broken-streams';

export interface NewestChainsReport {
  /** Events of workflow streams read, newest first (at most the number asked for). */
  readonly events: number;
  /** Streams those events belong to. */
  readonly streams: number;
  /** True when the whole log was read (it holds no more workflow events than were asked for). */
  readonly wholeLog: boolean;
  /** The first break found in each broken stream. */
  readonly broken: readonly StreamIntegrityError[];
}

/** What the newest events of one stream left to check: their links and the oldest of them that did not parse. */
interface Window {
  readonly links: ChainLink[];
  unreadable?: UnreadableEvent;
}

/**
 * Checks the hash chain of the log's newest `maxEvents` events of workflow streams (the start-up
 * check). Each stream touched is checked over its events in that window, linked to the stored
 * hash of the event just before the window (one `readStream` of one event per stream). An
 * event that does not parse is a break of its stream, and the read goes on past it.
 *
 * `signal` stops it (the server closing), with the signal's reason.
 *
 * Bounded by design: an edit older than the window, or the newest events of a stream deleted
 * (nothing after them to notice), is left to the full `audit verify`.
 */
export async function checkNewestChains(
  store: EventStore,
  registry: DefinitionRegistry,
  maxEvents: number,
  options: { signal?: AbortSignal } = {},
): Promise<NewestChainsReport> {
  const { signal } = options;
  const streamPrefixes = [...new Set(registry.all().map((d) => `${d.streamPrefix}-`))];
  const windows = new Map<string, Window>();
  const windowOf = (streamId: string): Window => {
    let window = windows.get(streamId);
    if (!window) windows.set(streamId, (window = { links: [] }));
    return window;
  };
  let events = 0;
  let position: bigint | undefined;
  let wholeLog = false;
  while (events < maxEvents) {
    try {
      for await (const event of store.readAll({ direction: 'backwards', position, maxCount: maxEvents - events, filter: { streamPrefixes } })) {
        signal?.throwIfAborted();
        events++;
        windowOf(event.streamId).links.push(chainLinkOf(event));
      }
      wholeLog = events < maxEvents;
      break;
    } catch (error) {
      if (!(error instanceof UnreadableEvent)) throw error;
      // Read on from just before it (backwards): the events after it were read already.
      events++;
      const window = windowOf(error.streamId);
      if (!window.unreadable || error.revision < window.unreadable.revision) window.unreadable = error;
      position = error.position;
    }
  }
  const broken: StreamIntegrityError[] = [];
  let checked = 0;
  for (const [streamId, window] of windows) {
    signal?.throwIfAborted();
    const found = await firstBreak(store, streamId, window);
    if (found) broken.push(found);
    // The reads of an embedded store answer synchronously: let requests in between streams.
    if (++checked % 100 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { events, streams: windows.size, wholeLog, broken };
}

async function firstBreak(store: EventStore, streamId: string, window: Window): Promise<StreamIntegrityError | undefined> {
  const links = window.links.sort((a, b) => a.revision - b.revision);
  const unreadable = window.unreadable;
  const first = Math.min(links[0]?.revision ?? Infinity, unreadable?.revision ?? Infinity);
  try {
    let head = await predecessor(store, streamId, first);
    for (const link of links) {
      if (unreadable && link.revision > unreadable.revision) break;
      head = nextHead(streamId, head, link);
    }
    if (unreadable) {
      // A gap before the unreadable event comes first; otherwise the event itself is the break.
      if (head.revision + 1 !== unreadable.revision)
        nextHead(streamId, head, { streamId, revision: unreadable.revision, prevHash: undefined, hash: undefined, recomputed: '' });
      throw unreadable;
    }
    return undefined;
  } catch (error) {
    const found = asIntegrityError(error, streamId);
    if (found instanceof StreamIntegrityError) return found;
    throw found;
  }
}

/** The chain head just before revision `first`: genesis, or the stored hash of the event before it. */
async function predecessor(store: EventStore, streamId: string, first: number): Promise<ChainHead> {
  // A negative revision (renumbered) is checked from genesis, where it is a gap.
  if (first <= 0) return { revision: -1, hash: GENESIS_HASH };
  const [before] = await store.readStream(streamId, { fromRevision: first - 1, maxCount: 1 });
  if (before?.revision !== first - 1)
    throw new StreamIntegrityError(streamId, first - 1, 'revision-gap', `${streamId}@${first - 1}`, before ? `${streamId}@${before.revision}` : 'no event');
  return { revision: first - 1, hash: String(before.metadata.hash) };
}
