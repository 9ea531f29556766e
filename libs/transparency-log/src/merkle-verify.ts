import { EMPTY_TREE_ROOT, isMerkleHash, nodeHash, sameMerkleHash } from './merkle-hash';
import { half, isOdd, isTreeSize } from './merkle-size';

/**
 * Verifiers of RFC 9162 §2.1.3.2 and §2.1.4.2. They never throw: any malformed input (a hash
 * that is not 32 bytes, a proof that is not an array of such hashes, a size or index that is not
 * a non-negative safe integer, index >= size, oldSize > newSize, a proof too long or too short)
 * gives `false`. Each runs in O(proof length + log n).
 */

function isProof(proof: unknown): proof is readonly Uint8Array[] {
  return Array.isArray(proof) && proof.every(isMerkleHash);
}

/**
 * Whether `proof` shows that `leafHashValue` is the leaf at `index` of the tree of `size` leaves
 * whose root is `root` (RFC 9162 §2.1.3.2).
 */
export function verifyInclusion(leafHashValue: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isMerkleHash(leafHashValue) || !isMerkleHash(root) || !isProof(proof)) return false;
  if (!isTreeSize(index) || !isTreeSize(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHashValue;
  for (const p of proof) {
    if (sn === 0) return false; // proof too long
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameMerkleHash(r, root); // sn !== 0: proof too short
}

/**
 * Whether `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the
 * tree of `newSize` leaves with root `newRoot` (RFC 9162 §2.1.4.2). Sizes the RFC leaves out:
 * equal sizes need an empty proof and equal roots; oldSize 0 needs an empty proof and the
 * empty-tree root as oldRoot (stricter than transparency-dev/merkle, which ignores the old root).
 */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Uint8Array, newRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!isMerkleHash(oldRoot) || !isMerkleHash(newRoot) || !isProof(proof)) return false;
  if (!isTreeSize(oldSize) || !isTreeSize(newSize) || oldSize > newSize) return false;
  if (oldSize === 0) return proof.length === 0 && sameMerkleHash(oldRoot, EMPTY_TREE_ROOT);
  if (oldSize === newSize) return proof.length === 0 && sameMerkleHash(oldRoot, newRoot);
  // Step 1: when oldSize is a power of two the old root is itself a node of the new tree.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  if (path.length === 0) return false;
  // Steps 2-3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Steps 4-5.
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false; // proof too long
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 6.
  return sn === 0 && sameMerkleHash(fr, oldRoot) && sameMerkleHash(sr, newRoot);
}

function isPowerOfTwo(n: number): boolean {
  let rest = n;
  while (rest > 1 && !isOdd(rest)) rest = half(rest);
  return rest === 1;
}
