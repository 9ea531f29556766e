import {
  EMPTY_MERKLE_FRONTIER,
  EMPTY_TREE_ROOT,
  frontierRoot,
  appendLeafHash,
  appendLeafHashes,
  arrayMerkleSource,
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleHashToHex,
  nodeHash,
  restoreMerkleFrontier,
  rootOf,
  serializeMerkleFrontier,
  verifyConsistency,
  verifyInclusion,
} from './index';

const leaves = Array.from({ length: 100 }, (_, i) => leafHash(Uint8Array.of(i)));
const source = arrayMerkleSource(leaves);
const hashes = (list: readonly Uint8Array[]): string[] => list.map(merkleHashToHex);

/** The hash of node (level, index): the perfect subtree over leaves index * 2^level .. (index + 1) * 2^level - 1. */
const node = (level: number, index: number): Uint8Array => rootOf(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
/** transparency-dev/merkle's "rehash": nodes folded right to left into one ephemeral right-edge node. */
const rehashed = (...ids: [number, number][]): Uint8Array => ids.slice(1).reduce((acc, [level, index]) => nodeHash(node(level, index), acc), node(...ids[0]));

describe('merkle proof shapes and malformed input', () => {
  // Node lists from repository transparency-dev/merkle, path proof/proof_test.go (TestInclusion,
  // TestConsistency "rehashes in the middle"): which nodes a proof holds, for bigger trees.
  it('builds the inclusion proofs of proof_test.go for sizes 7, 15, 31 and 95', () => {
    expect(hashes(inclusionProof(source, 0, 7))).toEqual(hashes([node(0, 1), node(1, 1), rehashed([0, 6], [1, 2])]));
    expect(hashes(inclusionProof(source, 4, 7))).toEqual(hashes([node(0, 5), node(0, 6), node(2, 0)]));
    expect(hashes(inclusionProof(source, 10, 15))).toEqual(hashes([node(0, 11), node(1, 4), rehashed([0, 14], [1, 6]), node(3, 0)]));
    expect(hashes(inclusionProof(source, 24, 31))).toEqual(hashes([node(0, 25), node(1, 13), rehashed([0, 30], [1, 14]), node(3, 2), node(4, 0)]));
    expect(hashes(inclusionProof(source, 81, 95))).toEqual(
      hashes([node(0, 80), node(1, 41), node(2, 21), rehashed([0, 94], [1, 46], [2, 22]), node(4, 4), node(6, 0)]),
    );
  });

  it('builds the consistency proofs of proof_test.go for sizes up to 95', () => {
    expect(hashes(consistencyProof(source, 3, 7))).toEqual(hashes([node(0, 2), node(0, 3), node(1, 0), rehashed([0, 6], [1, 2])]));
    expect(hashes(consistencyProof(source, 5, 7))).toEqual(hashes([node(0, 4), node(0, 5), node(0, 6), node(2, 0)]));
    expect(hashes(consistencyProof(source, 7, 8))).toEqual(hashes([node(0, 6), node(0, 7), node(1, 2), node(2, 0)]));
    expect(hashes(consistencyProof(source, 10, 15))).toEqual(hashes([node(1, 4), node(1, 5), rehashed([0, 14], [1, 6]), node(3, 0)]));
    expect(hashes(consistencyProof(source, 24, 31))).toEqual(hashes([node(3, 2), rehashed([0, 30], [1, 14], [2, 6]), node(4, 0)]));
    expect(hashes(consistencyProof(source, 81, 95))).toEqual(
      hashes([node(0, 80), node(0, 81), node(1, 41), node(2, 21), rehashed([0, 94], [1, 46], [2, 22]), node(4, 4), node(6, 0)]),
    );
  });

  it('throws clear errors for out-of-range proof requests and bad hashes', () => {
    expect(() => inclusionProof(source, 0, 0)).toThrow(/not below tree size 0/);
    expect(() => inclusionProof(source, 7, 7)).toThrow(/not below/);
    expect(() => inclusionProof(source, 0, 101)).toThrow(/beyond the 100 leaves/);
    expect(() => inclusionProof(source, -1, 5)).toThrow(/non-negative safe integer/);
    expect(() => inclusionProof(source, 1.5, 5)).toThrow(/non-negative safe integer/);
    expect(() => consistencyProof(source, 9, 8)).toThrow(/larger than new tree size/);
    expect(() => consistencyProof(source, 5, 101)).toThrow(/beyond/);
    expect(consistencyProof(source, 0, 5)).toEqual([]);
    expect(consistencyProof(source, 5, 5)).toEqual([]);
    expect(() => source.leafHashAt(100)).toThrow(/not within a tree of size 100/);
    expect(() => source.rangeRoot(3, 3)).toThrow(/not within/);
    expect(() => arrayMerkleSource([new Uint8Array(31)])).toThrow(/leaf hash 0 must be a 32-byte/);
    expect(() => rootOf([leaves[0], new Uint8Array(33)])).toThrow(/leaf hash 1 must be a 32-byte SHA-256 hash \(got 33 bytes\)/);
    expect(() => nodeHash(leaves[0], new Uint8Array(0))).toThrow(/right child hash/);
    expect(() => appendLeafHash(EMPTY_MERKLE_FRONTIER, new Uint8Array(5))).toThrow(/leaf hash must be/);
    expect(() => appendLeafHash({ size: Number.MAX_SAFE_INTEGER, subtreeRoots: [] }, leaves[0])).toThrow(/MAX_SAFE_INTEGER/);
  });

  it('verifiers answer false, never throw, for malformed input', () => {
    const root = rootOf(leaves.slice(0, 10));
    const proof = inclusionProof(source, 3, 10);
    expect(verifyInclusion(leaves[3], 3, 10, proof, root)).toBe(true);
    const bad: unknown[] = [undefined, null, 'x', 3, new Uint8Array(31), [new Uint8Array(32)]];
    for (const value of bad) {
      expect(verifyInclusion(value as Uint8Array, 3, 10, proof, root)).toBe(false);
      expect(verifyInclusion(leaves[3], 3, 10, proof, value as Uint8Array)).toBe(false);
      expect(verifyInclusion(leaves[3], 3, 10, [...proof.slice(1), value] as Uint8Array[], root)).toBe(false);
      expect(verifyInclusion(leaves[3], 3, 10, value as Uint8Array[], root)).toBe(false);
    }
    for (const [index, size] of [
      [10, 10],
      [-1, 10],
      [3, -10],
      [3.5, 10],
      [3, Number.NaN],
      [3, Number.POSITIVE_INFINITY],
      [3, 2 ** 60],
    ]) {
      expect(verifyInclusion(leaves[3], index, size, proof, root)).toBe(false);
    }
    const newRoot = rootOf(leaves.slice(0, 20));
    const cproof = consistencyProof(source, 10, 20);
    expect(verifyConsistency(10, 20, root, newRoot, cproof)).toBe(true);
    for (const value of bad) {
      expect(verifyConsistency(10, 20, value as Uint8Array, newRoot, cproof)).toBe(false);
      expect(verifyConsistency(10, 20, root, value as Uint8Array, cproof)).toBe(false);
      expect(verifyConsistency(10, 20, root, newRoot, [...cproof, value] as Uint8Array[])).toBe(false);
      expect(verifyConsistency(10, 20, root, newRoot, value as Uint8Array[])).toBe(false);
    }
    expect(verifyConsistency(-1, 20, root, newRoot, cproof)).toBe(false);
    expect(verifyConsistency(10, 2 ** 60, root, newRoot, cproof)).toBe(false);
    expect(verifyConsistency(0, 20, EMPTY_TREE_ROOT, newRoot, [])).toBe(true);
    expect(verifyConsistency(0, 20, root, newRoot, [])).toBe(false);
    expect(verifyConsistency(0, 20, EMPTY_TREE_ROOT, newRoot, cproof)).toBe(false);
    expect(verifyConsistency(20, 20, newRoot, newRoot, [])).toBe(true);
    expect(verifyConsistency(20, 20, newRoot, newRoot, cproof)).toBe(false);
  });

  it('verifies proofs over sizes near 2^53 without 32-bit truncation', () => {
    // A leaf at the last index of a tree of 2^52 + 1 leaves: its proof is the root of the first 2^52.
    const big = 2 ** 52;
    const leftRoot = leaves[1];
    const root = nodeHash(leftRoot, leaves[0]);
    expect(verifyInclusion(leaves[0], big, big + 1, [leftRoot], root)).toBe(true);
    expect(verifyInclusion(leaves[0], big - 1, big + 1, [leftRoot], root)).toBe(false);
    expect(verifyConsistency(big, big + 1, leftRoot, root, [leaves[0]])).toBe(true);
  });

  it('restores only well-formed frontier state', () => {
    const state = serializeMerkleFrontier(appendLeafHashes(EMPTY_MERKLE_FRONTIER, leaves.slice(0, 7)));
    expect(state.subtreeRoots).toHaveLength(3);
    expect(restoreMerkleFrontier(serializeMerkleFrontier(EMPTY_MERKLE_FRONTIER))).toEqual(EMPTY_MERKLE_FRONTIER);
    expect(() => restoreMerkleFrontier('{')).toThrow(/not JSON/);
    expect(() => restoreMerkleFrontier(null)).toThrow(/not an object/);
    expect(() => restoreMerkleFrontier({ ...state, format: 'other/1' })).toThrow(/format is not apo-merkle-frontier\/1/);
    expect(() => restoreMerkleFrontier({ ...state, size: -1 })).toThrow(/size must be a non-negative safe integer/);
    expect(() => restoreMerkleFrontier({ ...state, size: 8 })).toThrow(/size 8 has 1 subtree roots, not 3/);
    expect(() => restoreMerkleFrontier({ ...state, subtreeRoots: 'abc' })).toThrow(/not an array/);
    expect(() => restoreMerkleFrontier({ ...state, subtreeRoots: [...state.subtreeRoots.slice(1), 'zz'] })).toThrow(/subtree root 2 must be 64 hex/);
    expect(() => restoreMerkleFrontier({ ...state, subtreeRoots: [...state.subtreeRoots.slice(1), 7] })).toThrow(/subtree root 2 must be 64 hex/);
  });
});

describe('merkle results never alias their inputs', () => {
  it('copies leaf hashes in and hashes out, Buffers included', () => {
    const buffers = [Buffer.from(leafHash(Uint8Array.of(1))), Buffer.from(leafHash(Uint8Array.of(2)))];
    const root = rootOf(buffers);
    const single = rootOf(buffers.slice(0, 1));
    const frontier = appendLeafHash(EMPTY_MERKLE_FRONTIER, buffers[0]);
    const copySource = arrayMerkleSource(buffers);
    const proof = inclusionProof(copySource, 0, 2);
    const frontierSingle = frontierRoot(frontier);
    buffers[0][0] ^= 1;
    buffers[1][0] ^= 1;
    expect(single[0]).not.toBe(buffers[0][0]);
    expect(frontier.subtreeRoots[0][0]).not.toBe(buffers[0][0]);
    expect(proof[0][0]).not.toBe(buffers[1][0]);
    proof[0][0] ^= 1;
    frontierSingle[0] ^= 1;
    expect(merkleHashToHex(inclusionProof(copySource, 0, 2)[0])).not.toBe(merkleHashToHex(proof[0]));
    expect(merkleHashToHex(frontierRoot(frontier))).not.toBe(merkleHashToHex(frontierSingle));
    expect(merkleHashToHex(copySource.rangeRoot(0, 2))).toBe(merkleHashToHex(root));
  });
});
