import { assertMerkleHash } from './merkle-hash';
import { rangeRoot } from './merkle-root';
import { assertTreeSize, splitPoint } from './merkle-size';

/**
 * Where proofs get their hashes from. Proof generation only ever asks for MTH(D[start:end]) of
 * ranges the RFC 9162 PATH / PROOF recursion names, so a later implementation over stored node
 * hashes can answer those from storage in O(1) each (each requested range is a perfect subtree
 * or a right-edge range), while `arrayMerkleSource` below recomputes them from the leaves.
 */
export interface MerkleHashSource {
  /** How many leaves the source holds. */
  readonly size: number;
  /** The leaf hash at `index` (0 <= index < size). */
  leafHashAt(index: number): Uint8Array;
  /** MTH(D[start:end]), the root of leaves start..end-1 (0 <= start < end <= size). */
  rangeRoot(start: number, end: number): Uint8Array;
}

/**
 * A source over an in-memory array of leaf hashes (copied, each checked to be 32 bytes; every
 * hash it returns is a fresh array, so callers may keep or change them). Its
 * rangeRoot recomputes from the leaves, so a proof costs O(n) hashes to build here, although it
 * holds only O(log n) hashes; a stored-node source will make that O(log n).
 */
export function arrayMerkleSource(leafHashes: readonly Uint8Array[]): MerkleHashSource {
  leafHashes.forEach((hash, i) => assertMerkleHash(hash, `leaf hash ${i}`));
  const leaves = leafHashes.map((hash) => new Uint8Array(hash));
  return {
    size: leaves.length,
    leafHashAt(index: number): Uint8Array {
      checkRange(index, index + 1, leaves.length);
      return new Uint8Array(leaves[index]);
    },
    rangeRoot(start: number, end: number): Uint8Array {
      checkRange(start, end, leaves.length);
      return end - start === 1 ? new Uint8Array(leaves[start]) : rangeRoot(leaves, start, end);
    },
  };
}

function checkRange(start: number, end: number, size: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start || end > size) {
    throw new RangeError(`leaf range [${start}, ${end}) is not within a tree of size ${size}`);
  }
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves:
 * PATH(m, D[n]) of RFC 9162 §2.1.3.1, ceil(log2 n) hashes at most, ordered from the leaf's
 * sibling up to the root's child. Throws unless 0 <= index < size <= source.size.
 */
export function inclusionProof(source: MerkleHashSource, index: number, size: number): Uint8Array[] {
  assertTreeSize(index, 'leaf index');
  assertTreeSize(size, 'tree size');
  if (size > source.size) throw new RangeError(`tree size ${size} is beyond the ${source.size} leaves available`);
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  return path(source, index, 0, size);
}

/** PATH(m, D[start:end]) with m relative to start. */
function path(source: MerkleHashSource, m: number, start: number, end: number): Uint8Array[] {
  const n = end - start;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(source, m, start, start + k), source.rangeRoot(start + k, end)];
  return [...path(source, m - k, start + k, end), source.rangeRoot(start, start + k)];
}

/**
 * The consistency proof between the tree of the first `oldSize` leaves and that of the first
 * `newSize`: PROOF(m, D[n]) of RFC 9162 §2.1.4.1, O(log n) hashes. Empty when oldSize is 0 or
 * equals newSize (nothing to prove). Throws unless 0 <= oldSize <= newSize <= source.size.
 */
export function consistencyProof(source: MerkleHashSource, oldSize: number, newSize: number): Uint8Array[] {
  assertTreeSize(oldSize, 'old tree size');
  assertTreeSize(newSize, 'new tree size');
  if (newSize > source.size) throw new RangeError(`tree size ${newSize} is beyond the ${source.size} leaves available`);
  if (oldSize > newSize) throw new RangeError(`old tree size ${oldSize} is larger than new tree size ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  return subproof(source, oldSize, 0, newSize, true);
}

/** SUBPROOF(m, D[start:end], b) with m relative to start. */
function subproof(source: MerkleHashSource, m: number, start: number, end: number, complete: boolean): Uint8Array[] {
  const n = end - start;
  if (m === n) return complete ? [] : [source.rangeRoot(start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(source, m, start, start + k, complete), source.rangeRoot(start + k, end)];
  return [...subproof(source, m - k, start + k, end, false), source.rangeRoot(start, start + k)];
}
