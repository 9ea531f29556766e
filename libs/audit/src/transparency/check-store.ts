import type { EventStore } from '@apo/event-store';
import { appendLeafHash, EMPTY_MERKLE_FRONTIER, frontierRoot, merkleHashFromHex, merkleHashToHex } from '@apo/transparency-log';
import { checkLogAgainstCheckpoints } from './classify-log';
import type { LogLeaf } from './log-leaf';
import type { CheckpointToHold, LogFinding } from './log-finding';
import { openCheckpoints } from './open-checkpoints';
import { readLogLeaves } from './read-log-leaves';

export interface StoreCheckOptions {
  readonly checkpoints: readonly CheckpointToHold[];
  /**
   * The leaves the tree stored, from leaf 0 (`transparency_leaves` rows): asked only when a
   * checkpoint's root does not match, to name the first event that differs.
   */
  readonly storedLeaves?: (upToSize: number) => Promise<readonly LogLeaf[]>;
}

export interface StoreCheckReport {
  readonly findings: LogFinding[];
  /** Leaves the log holds now (read up to the largest trusted checkpoint when everything matched; the whole log otherwise). */
  readonly leavesRead: number;
  /** The checkpoints a trusted key signed whose root the log still gives: `source` and size. */
  readonly held: { readonly source: string; readonly size: number }[];
}

/**
 * The roots of the log's first n leaves at each asked size, streaming the log once up to the
 * largest (constant memory), and how many leaves it read.
 */
async function streamRoots(store: EventStore, sizes: readonly number[]): Promise<{ roots: Map<number, string>; read: number }> {
  const wanted = new Set(sizes);
  const max = Math.max(0, ...sizes);
  const roots = new Map<number, string>();
  let frontier = EMPTY_MERKLE_FRONTIER;
  if (wanted.has(0)) roots.set(0, merkleHashToHex(frontierRoot(frontier)));
  for await (const leaf of readLogLeaves(store, { upToSize: max })) {
    frontier = appendLeafHash(frontier, merkleHashFromHex(leaf.leafHash));
    if (wanted.has(frontier.size)) roots.set(frontier.size, merkleHashToHex(frontierRoot(frontier)));
  }
  return { roots, read: frontier.size };
}

/** Collects an async iterable (the whole log, once a checkpoint failed: the diagnosis needs every leaf). */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Holds the store's log to the checkpoints (own and witnesses'). The common case, every trusted
 * checkpoint still matching, streams the log once up to the largest checkpoint; only when one does
 * not does it read the whole log and the stored leaves to name what changed and where
 * (`checkLogAgainstCheckpoints`). Findings about the checkpoints themselves (forged, unknown key,
 * unusable) come either way.
 */
export async function checkStoreAgainstCheckpoints(store: EventStore, options: StoreCheckOptions): Promise<StoreCheckReport> {
  const { trusted, findings } = openCheckpoints(options.checkpoints);
  const { roots, read } = await streamRoots(
    store,
    trusted.map((c) => c.size),
  );
  const held = trusted.filter((c) => roots.get(c.size) === c.rootHash).map(({ source, size }) => ({ source, size }));
  if (held.length === trusted.length) return { findings, leavesRead: read, held };
  const log = await collect(readLogLeaves(store));
  const stored = options.storedLeaves ? await options.storedLeaves(Math.max(...trusted.map((c) => c.size))) : undefined;
  return { findings: checkLogAgainstCheckpoints({ log, stored, checkpoints: options.checkpoints }), leavesRead: log.length, held };
}
