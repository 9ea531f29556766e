import { EMPTY_TREE_ROOT, assertMerkleHash, nodeHash } from './merkle-hash';
import type { MerkleFrontier } from './merkle-frontier';
import { consistencyProof, inclusionProof, type MerkleHashSource } from './merkle-proofs';
import { assertTreeSize, half, isOdd } from './merkle-size';

/**
 * Stored nodes of an append-only Merkle tree: the root of every perfect subtree, written once it
 * is complete. Subtree (level, index) holds the 2^level leaves [index * 2^level, (index + 1) *
 * 2^level); level 0 is a leaf hash itself. Any range the RFC 9162 proof recursion asks for is a
 * few such subtrees (at most one per level), so a root or a proof needs O(log n) stored hashes.
 */
export interface SubtreeId {
  readonly level: number;
  readonly index: number;
}

/** A stored subtree and its hash (a leaf hash at level 0, MTH of its leaves above). */
export interface StoredSubtree extends SubtreeId {
  readonly hash: Uint8Array;
}

/** A map key for a subtree: `level:index`. */
export const subtreeKey = (level: number, index: number): string => `${level}:${index}`;

/**
 * The perfect subtrees that make up leaves [start, end), largest (leftmost) first. The range must
 * be one the RFC 9162 recursion asks for: start a multiple of a power of two at least end -
 * start (every range of PATH, SUBPROOF and MTH(D[0:n]) is). MTH of the range is then these
 * subtrees' roots folded from the right (see `foldSubtreeRoots`). Throws on any other range.
 */
export function subtreesCovering(start: number, end: number): SubtreeId[] {
  assertTreeSize(start, 'range start');
  assertTreeSize(end, 'range end');
  if (end <= start) throw new RangeError(`leaf range [${start}, ${end}) is empty`);
  let width = 1;
  while (width < end - start) width *= 2;
  if (start % width !== 0) throw new RangeError(`leaf range [${start}, ${end}) is not the left part of a perfect subtree`);
  const subtrees: SubtreeId[] = [];
  let at = start;
  for (let level = Math.log2(width); at < end; level--) {
    const size = 2 ** level;
    if (at + size <= end) {
      subtrees.push({ level, index: at / size });
      at += size;
    }
  }
  return subtrees;
}

/** MTH of a range from the roots of the subtrees `subtreesCovering` named for it (in that order). */
export function foldSubtreeRoots(roots: readonly Uint8Array[]): Uint8Array {
  if (roots.length === 0) return new Uint8Array(EMPTY_TREE_ROOT);
  let root: Uint8Array = new Uint8Array(roots[roots.length - 1]);
  for (let i = roots.length - 2; i >= 0; i--) root = nodeHash(roots[i], root);
  return root;
}

/** The subtrees (deduplicated, in first-asked order) a set of ranges needs. */
export function subtreesOfRanges(ranges: readonly (readonly [number, number])[]): SubtreeId[] {
  const seen = new Map<string, SubtreeId>();
  for (const [start, end] of ranges) for (const subtree of subtreesCovering(start, end)) seen.set(subtreeKey(subtree.level, subtree.index), subtree);
  return [...seen.values()];
}

const PLACEHOLDER = new Uint8Array(32);

/** The ranges a proof asks its source for, found by running it over a source that only records. */
function rangesAsked(size: number, prove: (source: MerkleHashSource) => unknown): [number, number][] {
  const ranges: [number, number][] = [];
  prove({
    size,
    leafHashAt: (index) => {
      ranges.push([index, index + 1]);
      return PLACEHOLDER;
    },
    rangeRoot: (start, end) => {
      ranges.push([start, end]);
      return PLACEHOLDER;
    },
  });
  return ranges;
}

/** The stored subtrees the inclusion proof of leaf `index` in the tree of `size` leaves needs (O(log n)). */
export function inclusionProofSubtrees(index: number, size: number): SubtreeId[] {
  return subtreesOfRanges(rangesAsked(size, (source) => inclusionProof(source, index, size)));
}

/** The stored subtrees the consistency proof from `oldSize` to `newSize` needs (O(log n)). */
export function consistencyProofSubtrees(oldSize: number, newSize: number): SubtreeId[] {
  return subtreesOfRanges(rangesAsked(newSize, (source) => consistencyProof(source, oldSize, newSize)));
}

/** The stored subtrees whose roots are the frontier (and give the root) of the first `size` leaves. */
export function frontierSubtrees(size: number): SubtreeId[] {
  assertTreeSize(size, 'tree size');
  return size === 0 ? [] : subtreesCovering(0, size);
}

/** The stored hash of one subtree; a clear error when the map lacks it. */
function storedHash(hashes: ReadonlyMap<string, Uint8Array>, { level, index }: SubtreeId): Uint8Array {
  const hash = hashes.get(subtreeKey(level, index));
  if (hash === undefined) throw new RangeError(`stored Merkle node level ${level} index ${index} is missing`);
  assertMerkleHash(hash, `stored Merkle node level ${level} index ${index}`);
  return hash;
}

/**
 * A proof source over stored subtree hashes (keyed by `subtreeKey`), for a tree of `size`
 * leaves: each range asked is folded from its subtrees, O(log n) hashes. A subtree the map lacks
 * is a clear error naming it (the storage is missing a node), never a wrong proof.
 */
export function storedSubtreeSource(size: number, hashes: ReadonlyMap<string, Uint8Array>): MerkleHashSource {
  assertTreeSize(size, 'tree size');
  const hashOf = (subtree: SubtreeId) => storedHash(hashes, subtree);
  const checkRange = (start: number, end: number) => {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > size)
      throw new RangeError(`leaf range [${start}, ${end}) is not within a tree of size ${size}`);
  };
  return {
    size,
    leafHashAt(index) {
      checkRange(index, index + 1);
      return new Uint8Array(hashOf({ level: 0, index }));
    },
    rangeRoot(start, end) {
      checkRange(start, end);
      return foldSubtreeRoots(subtreesCovering(start, end).map(hashOf));
    },
  };
}

/** MTH of the first `size` leaves from the stored subtree roots `frontierSubtrees(size)` names. */
export function rootFromSubtrees(size: number, hashes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return foldSubtreeRoots(frontierSubtrees(size).map((subtree) => storedHash(hashes, subtree)));
}

/** The frontier of the first `size` leaves from its stored subtree roots (those `frontierSubtrees(size)` names). */
export function frontierFromSubtrees(size: number, hashes: ReadonlyMap<string, Uint8Array>): MerkleFrontier {
  return { size, subtreeRoots: frontierSubtrees(size).map((subtree) => new Uint8Array(storedHash(hashes, subtree))) };
}

/**
 * Appends leaf hashes to a frontier and returns the new frontier with every subtree (level >= 1)
 * the appends completed, in completion order: what an incremental writer stores beside the
 * leaves. Amortised one node hash per leaf; the input frontier is not changed.
 */
export function appendCompletingSubtrees(
  frontier: MerkleFrontier,
  leafHashes: readonly Uint8Array[],
): { frontier: MerkleFrontier; completed: StoredSubtree[] } {
  const roots = frontier.subtreeRoots.slice();
  const completed: StoredSubtree[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    assertMerkleHash(leaf, `leaf hash ${size}`);
    let merged: Uint8Array = leaf;
    let level = 0;
    // The leaf's index is `size`; each trailing one bit of `size` merges one more level.
    for (let rest = size; isOdd(rest); rest = half(rest)) {
      merged = nodeHash(roots.pop() as Uint8Array, merged);
      level++;
      completed.push({ level, index: (size + 1) / 2 ** level - 1, hash: merged });
    }
    roots.push(merged === leaf ? new Uint8Array(leaf) : merged);
    size++;
  }
  return { frontier: { size, subtreeRoots: roots }, completed };
}
