import fc from 'fast-check';
import {
  EMPTY_MERKLE_FRONTIER,
  appendLeafHash,
  appendLeafHashes,
  arrayMerkleSource,
  consistencyProof,
  frontierRoot,
  inclusionProof,
  leafHash,
  restoreMerkleFrontier,
  rootOf,
  sameMerkleHash,
  serializeMerkleFrontier,
  verifyConsistency,
  verifyInclusion,
} from './index';

/** Distinct leaves (each input starts with its position), so no two leaf hashes collide. */
const leavesArb = (minLength: number) =>
  fc
    .array(fc.uint8Array({ maxLength: 6 }), { minLength, maxLength: 70 })
    .map((inputs) => inputs.map((bytes, i) => leafHash(Uint8Array.of(i >> 8, i & 255, ...bytes))));

/** A copy of `hash` with one byte xored by a non-zero mask. */
const flipped = (hash: Uint8Array, byte: number, mask: number): Uint8Array => {
  const copy = hash.slice();
  copy[byte % copy.length] ^= mask;
  return copy;
};
const byteArb = fc.nat({ max: 31 });
const maskArb = fc.integer({ min: 1, max: 255 });

/** Leaves with 0 <= index < size <= leaves.length. */
const inclusionCaseArb = leavesArb(1).chain((leaves) =>
  fc
    .integer({ min: 1, max: leaves.length })
    .chain((size) => fc.record({ leaves: fc.constant(leaves), size: fc.constant(size), index: fc.nat({ max: size - 1 }) })),
);

/** Leaves with 1 <= oldSize < newSize <= leaves.length (the cases with a non-empty proof). */
const consistencyCaseArb = leavesArb(2).chain((leaves) =>
  fc
    .integer({ min: 2, max: leaves.length })
    .chain((newSize) => fc.record({ leaves: fc.constant(leaves), newSize: fc.constant(newSize), oldSize: fc.integer({ min: 1, max: newSize - 1 }) })),
);

const log2Ceil = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

describe('merkle properties', () => {
  it('the incremental frontier root equals MTH of every prefix', () => {
    fc.assert(
      fc.property(leavesArb(0), (leaves) => {
        let frontier = EMPTY_MERKLE_FRONTIER;
        expect(sameMerkleHash(frontierRoot(frontier), rootOf([]))).toBe(true);
        leaves.forEach((hash, i) => {
          frontier = appendLeafHash(frontier, hash);
          expect(frontier.size).toBe(i + 1);
          expect(sameMerkleHash(frontierRoot(frontier), rootOf(leaves.slice(0, i + 1)))).toBe(true);
        });
      }),
    );
  });

  it('every inclusion proof verifies, is at most ceil(log2 size) long, and any changed byte, index or size fails', () => {
    fc.assert(
      fc.property(inclusionCaseArb, fc.nat(), byteArb, maskArb, ({ leaves, size, index }, pick, byte, mask) => {
        const proof = inclusionProof(arrayMerkleSource(leaves), index, size);
        const root = rootOf(leaves.slice(0, size));
        const leaf = leaves[index];
        expect(proof.length).toBeLessThanOrEqual(log2Ceil(size));
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);

        expect(verifyInclusion(flipped(leaf, byte, mask), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipped(root, byte, mask))).toBe(false);
        if (proof.length > 0) {
          const at = pick % proof.length;
          expect(
            verifyInclusion(
              leaf,
              index,
              size,
              proof.map((p, i) => (i === at ? flipped(p, byte, mask) : p)),
              root,
            ),
          ).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(0, -1), root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
        }
        expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [root, ...proof], root)).toBe(false);
        // Another leaf's hash, any other index, any other size (with that size's own root).
        for (let other = 0; other < size; other++) {
          if (other === index) continue;
          expect(verifyInclusion(leaf, other, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[other], index, size, proof, root)).toBe(false);
        }
        for (let otherSize = index + 1; otherSize <= leaves.length; otherSize++) {
          if (otherSize === size) continue;
          expect(verifyInclusion(leaf, index, otherSize, proof, rootOf(leaves.slice(0, otherSize)))).toBe(false);
        }
        expect(verifyInclusion(leaf, index, size * 2, proof, root)).toBe(false);
        if (index < Math.floor(size / 2)) expect(verifyInclusion(leaf, index, Math.floor(size / 2), proof, root)).toBe(false);
      }),
    );
  });

  it('every consistency proof verifies, is O(log n) long, and any changed byte or size fails', () => {
    fc.assert(
      fc.property(consistencyCaseArb, fc.nat(), byteArb, maskArb, ({ leaves, oldSize, newSize }, pick, byte, mask) => {
        const proof = consistencyProof(arrayMerkleSource(leaves), oldSize, newSize);
        const oldRoot = rootOf(leaves.slice(0, oldSize));
        const newRoot = rootOf(leaves.slice(0, newSize));
        expect(proof.length).toBeGreaterThan(0);
        expect(proof.length).toBeLessThanOrEqual(log2Ceil(newSize) + 1);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);

        expect(verifyConsistency(oldSize, newSize, flipped(oldRoot, byte, mask), newRoot, proof)).toBe(false);
        expect(verifyConsistency(oldSize, newSize, oldRoot, flipped(newRoot, byte, mask), proof)).toBe(false);
        expect(verifyConsistency(oldSize, newSize, newRoot, oldRoot, proof)).toBe(false);
        const at = pick % proof.length;
        expect(
          verifyConsistency(
            oldSize,
            newSize,
            oldRoot,
            newRoot,
            proof.map((p, i) => (i === at ? flipped(p, byte, mask) : p)),
          ),
        ).toBe(false);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, [proof[0], ...proof])).toBe(false);
        expect(verifyConsistency(newSize, oldSize, newRoot, oldRoot, proof)).toBe(false);
        // Other sizes, each with its own true root.
        for (let otherOld = 1; otherOld < newSize; otherOld++) {
          if (otherOld !== oldSize) expect(verifyConsistency(otherOld, newSize, rootOf(leaves.slice(0, otherOld)), newRoot, proof)).toBe(false);
        }
        for (let otherNew = oldSize + 1; otherNew <= leaves.length; otherNew++) {
          if (otherNew !== newSize) expect(verifyConsistency(oldSize, otherNew, oldRoot, rootOf(leaves.slice(0, otherNew)), proof)).toBe(false);
        }
      }),
    );
  });

  it('a log that dropped a leaf or swapped two adjacent leaves cannot prove itself consistent with an earlier root, nor include the old leaves', () => {
    fc.assert(
      fc.property(consistencyCaseArb, fc.nat(), fc.boolean(), ({ leaves, oldSize, newSize }, pick, drop) => {
        const oldRoot = rootOf(leaves.slice(0, oldSize));
        const tampered = leaves.slice(0, newSize);
        let position: number;
        if (drop) {
          position = pick % oldSize;
          tampered.splice(position, 1);
        } else {
          position = pick % (newSize - 1);
          if (position >= oldSize) position = oldSize - 1; // a swap that touches the old tree
          [tampered[position], tampered[position + 1]] = [tampered[position + 1], tampered[position]];
        }
        const tamperedSource = arrayMerkleSource(tampered);
        const tamperedRoot = rootOf(tampered);
        expect(sameMerkleHash(tamperedRoot, rootOf(leaves.slice(0, newSize)))).toBe(false);
        if (oldSize <= tampered.length) {
          expect(verifyConsistency(oldSize, tampered.length, oldRoot, tamperedRoot, consistencyProof(tamperedSource, oldSize, tampered.length))).toBe(false);
        }
        // The moved or dropped leaf, at its old index, is not in the tampered tree.
        const size = tampered.length;
        if (position < size) {
          expect(verifyInclusion(leaves[position], position, size, inclusionProof(tamperedSource, position, size), tamperedRoot)).toBe(false);
        }
      }),
    );
  });

  it('frontier state round-trips through its JSON form and keeps growing the same way', () => {
    fc.assert(
      fc.property(leavesArb(0), fc.nat(), (leaves, cut) => {
        const at = leaves.length === 0 ? 0 : cut % (leaves.length + 1);
        const before = appendLeafHashes(EMPTY_MERKLE_FRONTIER, leaves.slice(0, at));
        const restored = restoreMerkleFrontier(JSON.stringify(serializeMerkleFrontier(before)));
        expect(restored).toEqual(before);
        expect(restoreMerkleFrontier(serializeMerkleFrontier(before))).toEqual(before);
        const grown = appendLeafHashes(restored, leaves.slice(at));
        expect(grown).toEqual(appendLeafHashes(EMPTY_MERKLE_FRONTIER, leaves));
        expect(sameMerkleHash(frontierRoot(grown), rootOf(leaves))).toBe(true);
      }),
    );
  });
});
