import type { RecordedEvent } from '@apo/event-store';
import { CHUNK_ROWS, insertRows, type Projection, type ReadDatabase, type TransparencyLeavesTable, type TransparencyNodesTable } from '@apo/read-store';
import {
  appendCompletingSubtreesHex,
  frontierFromSubtrees,
  frontierSubtrees,
  hexFrontierRoot,
  merkleHashFromHex,
  merkleHashToHex,
  transparencyLeafHashHex,
  type HexMerkleFrontier,
} from '@apo/transparency-log';
import type { Kysely } from 'kysely';
import { readStoredSubtrees, readTreeHead } from './transparency-storage';

/** The projection that keeps the transparency log's Merkle tree (its name: the key of its checkpoint). */
export const TRANSPARENCY_LOG_PROJECTION = 'transparency-log';

/** The tree as a batch left it, inside the batch's transaction. */
export interface AppendedTree {
  /** Leaves stored now. */
  readonly size: number;
  /** Leaves the batch appended. */
  readonly appended: number;
  /** MTH of the `size` leaves (computed when asked: O(log n) hashes). */
  root(): Uint8Array;
}

export interface TransparencyLogProjectionOptions {
  /**
   * Called after each batch's leaves and nodes are written, in the same transaction: the
   * checkpointer signs here, so a checkpoint is committed with the tree it states or not at all.
   */
  readonly afterAppend?: (trx: Kysely<ReadDatabase>, tree: AppendedTree) => Promise<void>;
}

/** The frontier a previous batch left, and the last leaf it stands for (to tell it is still the stored one). */
interface CachedTree {
  readonly frontier: HexMerkleFrontier;
  readonly lastPosition: bigint | null;
  readonly lastLeafHash: string | null;
}

/**
 * The transparency log (issue #21): every event of the global log, in log order, is one leaf of
 * an RFC 9162 Merkle tree; the projection stores each leaf and the root of every perfect subtree
 * once complete, so roots and proofs need O(log n) stored hashes. A batch reads the last leaf
 * (one indexed row) and goes on from the frontier it cached when that row is still the one it
 * wrote last; otherwise (a rolled-back batch or savepoint, a rebuild, another process holding the
 * lease in between) it loads the frontier from the stored subtrees. An event already a leaf (at
 * or before the last leaf's position) is skipped, so a re-applied batch appends nothing twice.
 * A rebuild from zero folds in memory (the frontier kept here) and writes the rows in bulk.
 */
export function transparencyLogProjection(options: TransparencyLogProjectionOptions = {}): Projection {
  let cached: CachedTree | undefined;

  const currentTree = async (trx: Kysely<ReadDatabase>): Promise<CachedTree> => {
    const head = await readTreeHead(trx);
    if (cached && cached.frontier.size === head.size && cached.lastLeafHash === head.lastLeafHash && cached.lastPosition === head.lastPosition) return cached;
    cached = undefined;
    const stored = frontierFromSubtrees(head.size, await readStoredSubtrees(trx, frontierSubtrees(head.size)));
    const frontier = { size: stored.size, subtreeRoots: stored.subtreeRoots.map(merkleHashToHex) };
    return { frontier, lastPosition: head.lastPosition, lastLeafHash: head.lastLeafHash };
  };

  return {
    name: TRANSPARENCY_LOG_PROJECTION,
    version: 1,
    tables: ['transparency_leaves', 'transparency_nodes'],
    handles: () => true,
    async apply(trx, events) {
      // Forget the cache first: if this batch throws or is rolled back, the next one reloads.
      const tree = await currentTree(trx);
      cached = undefined;
      const { next, leafRows, nodeRows } = appendEvents(tree, events);
      await insertInFewShapes(trx, 'transparency_leaves', leafRows);
      await insertInFewShapes(trx, 'transparency_nodes', nodeRows);
      const { frontier } = next;
      if (options.afterAppend)
        await options.afterAppend(trx, { size: frontier.size, appended: leafRows.length, root: () => merkleHashFromHex(hexFrontierRoot(frontier)) });
      cached = next;
    },
    rebuildInMemory: () => {
      // A rebuild from zero: the frontier lives here, rows wait for the runner's next write.
      let tree: CachedTree = { frontier: { size: 0, subtreeRoots: [] }, lastPosition: null, lastLeafHash: null };
      let leaves: TransparencyLeavesTable[] = [];
      let nodes: TransparencyNodesTable[] = [];
      return {
        fold(events) {
          const appended = appendEvents(tree, events);
          tree = appended.next;
          for (const row of appended.leafRows) leaves.push(row);
          for (const row of appended.nodeRows) nodes.push(row);
        },
        async write(trx) {
          const [leafRows, nodeRows] = [leaves, nodes];
          [leaves, nodes] = [[], []];
          await insertInFewShapes(trx, 'transparency_leaves', leafRows);
          await insertInFewShapes(trx, 'transparency_nodes', nodeRows);
        },
      };
    },
  };
}

/** The rows a tree gets for `events` (those after its last leaf), and the tree after them. */
function appendEvents(
  tree: CachedTree,
  events: readonly RecordedEvent[],
): { next: CachedTree; leafRows: TransparencyLeavesTable[]; nodeRows: TransparencyNodesTable[] } {
  const fresh = tree.lastPosition === null ? events : events.filter((event) => event.position > (tree.lastPosition as bigint));
  const leafRows: TransparencyLeavesTable[] = new Array(fresh.length);
  const leafHashes: string[] = new Array(fresh.length);
  let index = tree.frontier.size;
  for (let i = 0; i < fresh.length; i++) {
    const event = fresh[i];
    const hash = transparencyLeafHashHex(event);
    leafHashes[i] = hash;
    leafRows[i] = {
      leaf_index: String(index++),
      position: event.position.toString(),
      stream_id: event.streamId,
      revision: event.revision,
      event_id: event.eventId,
      leaf_hash: hash,
    };
  }
  const { frontier, completed } = appendCompletingSubtreesHex(tree.frontier, leafHashes);
  const nodeRows: TransparencyNodesTable[] = completed.map((node) => ({ level: node.level, node_index: String(node.index), hash: node.hash }));
  const last = leafRows[leafRows.length - 1];
  return { next: last ? { frontier, lastPosition: BigInt(last.position), lastLeafHash: last.leaf_hash } : tree, leafRows, nodeRows };
}

/**
 * `insertRows` in full chunks, then the rest in power-of-two slices: a batch's row count varies
 * (a node count never repeats), and each new statement size would be compiled and prepared
 * again, which costs more than the insert. This way at most nine sizes exist besides the full one.
 */
async function insertInFewShapes<T extends 'transparency_leaves' | 'transparency_nodes'>(
  trx: Kysely<ReadDatabase>,
  table: T,
  rows: readonly ReadDatabase[T][],
): Promise<void> {
  const rest = rows.length % CHUNK_ROWS;
  let at = rows.length - rest;
  if (at > 0) await insertRows(trx, table, rows.slice(0, at));
  for (let size = 256; size >= 1; size /= 2) {
    if ((rest & size) === 0) continue;
    await insertRows(trx, table, rows.slice(at, at + size));
    at += size;
  }
}
