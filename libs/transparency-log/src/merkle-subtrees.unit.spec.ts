import fc from 'fast-check';
import {
  EMPTY_MERKLE_FRONTIER,
  appendCompletingSubtrees,
  appendLeafHashes,
  arrayMerkleSource,
  consistencyProof,
  consistencyProofSubtrees,
  frontierFromSubtrees,
  frontierSubtrees,
  inclusionProof,
  inclusionProofSubtrees,
  leafHash,
  merkleHashToHex,
  rootFromSubtrees,
  rootOf,
  storedSubtreeSource,
  subtreeKey,
  subtreesCovering,
  verifyConsistency,
  verifyInclusion,
  type StoredSubtree,
  type SubtreeId,
} from './index';

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Uint8Array.of(i >> 8, i & 255)));
const leavesArb = (minLength: number) => fc.integer({ min: minLength, max: 140 }).map(leavesOf);
const hexes = (hashes: readonly Uint8Array[]) => hashes.map(merkleHashToHex);

/** Everything an incremental writer stores for `leaves`, appended in the given chunk sizes: leaves (level 0) and completed nodes. */
function stored(leaves: readonly Uint8Array[], chunks: readonly number[] = [leaves.length]): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  leaves.forEach((hash, index) => map.set(subtreeKey(0, index), hash));
  let frontier = EMPTY_MERKLE_FRONTIER;
  let at = 0;
  for (const chunk of [...chunks, leaves.length]) {
    const next = Math.min(leaves.length, at + chunk);
    const appended = appendCompletingSubtrees(frontier, leaves.slice(at, next));
    for (const node of appended.completed) {
      expect(map.has(subtreeKey(node.level, node.index))).toBe(false);
      map.set(subtreeKey(node.level, node.index), node.hash);
    }
    frontier = appended.frontier;
    at = next;
  }
  return map;
}

/** Only the entries of `map` the subtrees name: what one query for them would return. */
const only = (map: ReadonlyMap<string, Uint8Array>, subtrees: readonly SubtreeId[]) =>
  new Map(subtrees.map(({ level, index }) => [subtreeKey(level, index), map.get(subtreeKey(level, index)) as Uint8Array]));

const log2Ceil = (n: number) => Math.ceil(Math.log2(Math.max(n, 1)));

describe('stored Merkle subtrees', () => {
  it('appending in any chunks completes every perfect subtree exactly once, each hash the MTH of its leaves', () => {
    fc.assert(
      fc.property(leavesArb(0), fc.array(fc.nat({ max: 20 }), { maxLength: 10 }), (leaves, chunks) => {
        const map = stored(leaves, chunks);
        const nodes = [...map.keys()].map((key) => key.split(':').map(Number)).filter(([level]) => level >= 1);
        let expected = 0;
        for (let level = 1; 2 ** level <= leaves.length; level++) expected += Math.floor(leaves.length / 2 ** level);
        expect(nodes).toHaveLength(expected);
        for (const [level, index] of nodes) {
          const width = 2 ** level;
          expect(merkleHashToHex(map.get(subtreeKey(level, index)) as Uint8Array)).toBe(
            merkleHashToHex(rootOf(leaves.slice(index * width, (index + 1) * width))),
          );
        }
      }),
    );
  });

  it('the frontier after appending equals appendLeafHashes, and its stored subtrees give it back with the root', () => {
    fc.assert(
      fc.property(leavesArb(0), (leaves) => {
        const { frontier } = appendCompletingSubtrees(EMPTY_MERKLE_FRONTIER, leaves);
        const reference = appendLeafHashes(EMPTY_MERKLE_FRONTIER, leaves);
        expect(frontier.size).toBe(leaves.length);
        expect(hexes(frontier.subtreeRoots)).toEqual(hexes(reference.subtreeRoots));
        const map = only(stored(leaves), frontierSubtrees(leaves.length));
        expect(hexes(frontierFromSubtrees(leaves.length, map).subtreeRoots)).toEqual(hexes(reference.subtreeRoots));
        expect(merkleHashToHex(rootFromSubtrees(leaves.length, map))).toBe(merkleHashToHex(rootOf(leaves)));
      }),
    );
  });

  it('an inclusion proof from the O(log n) stored subtrees it names equals the one from all leaves, and verifies', () => {
    const caseArb = leavesArb(1).chain((leaves) =>
      fc
        .integer({ min: 1, max: leaves.length })
        .chain((size) => fc.record({ leaves: fc.constant(leaves), size: fc.constant(size), index: fc.nat({ max: size - 1 }) })),
    );
    fc.assert(
      fc.property(caseArb, ({ leaves, size, index }) => {
        const subtrees = inclusionProofSubtrees(index, size);
        expect(subtrees.length).toBeLessThanOrEqual(2 * log2Ceil(size) + 1);
        const proof = inclusionProof(storedSubtreeSource(leaves.length, only(stored(leaves), subtrees)), index, size);
        expect(hexes(proof)).toEqual(hexes(inclusionProof(arrayMerkleSource(leaves), index, size)));
        expect(verifyInclusion(leaves[index], index, size, proof, rootOf(leaves.slice(0, size)))).toBe(true);
      }),
    );
  });

  it('a consistency proof from the O(log n) stored subtrees it names equals the one from all leaves, and verifies', () => {
    const caseArb = leavesArb(1).chain((leaves) =>
      fc
        .integer({ min: 1, max: leaves.length })
        .chain((newSize) => fc.record({ leaves: fc.constant(leaves), newSize: fc.constant(newSize), oldSize: fc.integer({ min: 1, max: newSize }) })),
    );
    fc.assert(
      fc.property(caseArb, ({ leaves, oldSize, newSize }) => {
        const subtrees = consistencyProofSubtrees(oldSize, newSize);
        expect(subtrees.length).toBeLessThanOrEqual(3 * log2Ceil(newSize) + 2);
        const proof = consistencyProof(storedSubtreeSource(newSize, only(stored(leaves), subtrees)), oldSize, newSize);
        expect(hexes(proof)).toEqual(hexes(consistencyProof(arrayMerkleSource(leaves), oldSize, newSize)));
        const [oldRoot, newRoot] = [rootOf(leaves.slice(0, oldSize)), rootOf(leaves.slice(0, newSize))];
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
      }),
    );
  });

  it('covers a proof range with its perfect subtrees, largest first', () => {
    expect(subtreesCovering(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreesCovering(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreesCovering(5, 6)).toEqual([{ level: 0, index: 5 }]);
  });

  it('refuses a range no proof asks for, and names a missing stored node', () => {
    expect(() => subtreesCovering(3, 7)).toThrow('not the left part of a perfect subtree');
    expect(() => subtreesCovering(4, 4)).toThrow('is empty');
    expect(() => subtreesCovering(-1, 2)).toThrow(RangeError);
    const leaves = leavesOf(6);
    const map = stored(leaves);
    map.delete(subtreeKey(2, 0));
    expect(() => rootFromSubtrees(6, map)).toThrow('stored Merkle node level 2 index 0 is missing');
    expect(() => storedSubtreeSource(6, map).rangeRoot(0, 7)).toThrow('not within a tree of size 6');
  });

  it('appending reports completed nodes with their positions', () => {
    const { completed } = appendCompletingSubtrees(EMPTY_MERKLE_FRONTIER, leavesOf(4));
    expect(completed.map(({ level, index }: StoredSubtree) => [level, index])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
    ]);
  });
});
