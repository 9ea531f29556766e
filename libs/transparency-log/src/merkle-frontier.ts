import { EMPTY_TREE_ROOT, assertMerkleHash, merkleHashFromHex, merkleHashToHex, nodeHash } from './merkle-hash';
import { assertTreeSize, half, isOdd, popCount } from './merkle-size';

/**
 * The state of an append-only Merkle tree kept as its right edge only (a "compact range" from 0,
 * or frontier): the roots of the perfect subtrees the first `size` leaves split into, largest
 * (leftmost) first, one per set bit of `size`. That is O(log n) hashes whatever the size, enough
 * to append and to compute the root, and small enough to persist beside each checkpoint.
 * Immutable: every operation returns a new state.
 */
export interface MerkleFrontier {
  readonly size: number;
  readonly subtreeRoots: readonly Uint8Array[];
}

/** The JSON-safe form of a frontier (hex hashes), for persisting beside a checkpoint. */
export interface SerializedMerkleFrontier {
  readonly format: typeof MERKLE_FRONTIER_FORMAT;
  readonly size: number;
  readonly subtreeRoots: readonly string[];
}

export const MERKLE_FRONTIER_FORMAT = 'apo-merkle-frontier/1';

/** The frontier of the empty tree. */
export const EMPTY_MERKLE_FRONTIER: MerkleFrontier = Object.freeze({ size: 0, subtreeRoots: Object.freeze([]) as readonly Uint8Array[] });

/**
 * Appends one leaf hash (already `leafHash`ed): O(log n) node hashes in the worst case, amortised
 * O(1). Adding a leaf to a size with t trailing one bits merges the t rightmost subtrees with it.
 */
export function appendLeafHash(frontier: MerkleFrontier, leafHashValue: Uint8Array): MerkleFrontier {
  assertMerkleHash(leafHashValue, 'leaf hash');
  if (frontier.size >= Number.MAX_SAFE_INTEGER) throw new RangeError('tree size would exceed Number.MAX_SAFE_INTEGER');
  const roots = frontier.subtreeRoots.slice();
  let merged: Uint8Array = new Uint8Array(leafHashValue);
  for (let size = frontier.size; isOdd(size); size = half(size)) merged = nodeHash(roots.pop() as Uint8Array, merged);
  roots.push(merged);
  return { size: frontier.size + 1, subtreeRoots: roots };
}

/** Appends several leaf hashes in order (see appendLeafHash). */
export function appendLeafHashes(frontier: MerkleFrontier, leafHashes: Iterable<Uint8Array>): MerkleFrontier {
  let state = frontier;
  for (const hash of leafHashes) state = appendLeafHash(state, hash);
  return state;
}

/**
 * The root hash MTH of the tree the frontier stands for: the subtree roots folded from the right
 * (the smallest first), which is exactly RFC 9162's split at the largest power of two below n.
 */
export function frontierRoot(frontier: MerkleFrontier): Uint8Array {
  const roots = frontier.subtreeRoots;
  if (roots.length === 0) return new Uint8Array(EMPTY_TREE_ROOT);
  let root: Uint8Array = new Uint8Array(roots[roots.length - 1]);
  for (let i = roots.length - 2; i >= 0; i--) root = nodeHash(roots[i], root);
  return root;
}

/** The JSON-safe form of a frontier. */
export function serializeMerkleFrontier(frontier: MerkleFrontier): SerializedMerkleFrontier {
  return { format: MERKLE_FRONTIER_FORMAT, size: frontier.size, subtreeRoots: frontier.subtreeRoots.map(merkleHashToHex) };
}

/**
 * Restores a frontier from its serialised form (an object or its JSON text), checking the format,
 * the size and that there is exactly one 64-hex-character hash per set bit of the size.
 */
export function restoreMerkleFrontier(serialized: unknown): MerkleFrontier {
  let value = serialized;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new TypeError('merkle frontier: not JSON');
    }
  }
  if (typeof value !== 'object' || value === null) throw new TypeError('merkle frontier: not an object');
  const { format, size, subtreeRoots } = value as Record<string, unknown>;
  if (format !== MERKLE_FRONTIER_FORMAT) throw new TypeError(`merkle frontier: format is not ${MERKLE_FRONTIER_FORMAT}`);
  assertTreeSize(size, 'merkle frontier size');
  if (!Array.isArray(subtreeRoots)) throw new TypeError('merkle frontier: subtreeRoots is not an array');
  const expected = popCount(size);
  if (subtreeRoots.length !== expected) {
    throw new RangeError(`merkle frontier: a tree of size ${size} has ${expected} subtree roots, not ${subtreeRoots.length}`);
  }
  return { size, subtreeRoots: subtreeRoots.map((hex: unknown, i) => merkleHashFromHex(hex as string, `merkle frontier subtree root ${i}`)) };
}
