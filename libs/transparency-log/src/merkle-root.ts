import { EMPTY_TREE_ROOT, assertMerkleHash, nodeHash } from './merkle-hash';
import { splitPoint } from './merkle-size';

/**
 * MTH(D[n]) of RFC 9162 §2.1.1 over a list of leaf hashes (already `leafHash`ed): the reference
 * definition, recursive on the split point k. O(n) hashes, recursion depth O(log n). Returns a
 * fresh array (never one of the inputs).
 */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  leafHashes.forEach((hash, i) => assertMerkleHash(hash, `leaf hash ${i}`));
  if (leafHashes.length === 0) return new Uint8Array(EMPTY_TREE_ROOT);
  return leafHashes.length === 1 ? new Uint8Array(leafHashes[0]) : rangeRoot(leafHashes, 0, leafHashes.length);
}

/** MTH(D[start:end]) for 0 <= start < end <= leafHashes.length (no validation, and a one-leaf range returns that leaf's own array: internal). */
export function rangeRoot(leafHashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return leafHashes[start];
  const k = splitPoint(end - start);
  return nodeHash(rangeRoot(leafHashes, start, start + k), rangeRoot(leafHashes, start + k, end));
}
