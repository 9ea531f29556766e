import fc from 'fast-check';
import {
  EMPTY_MERKLE_FRONTIER,
  appendCompletingSubtrees,
  appendCompletingSubtreesHex,
  frontierRoot,
  hexFrontierRoot,
  leafHash,
  leafHashOfHex32,
  merkleHashToHex,
  nodeHash,
  nodeHashHex,
  transparencyLeafData,
  transparencyLeafHashHex,
} from './index';

const hashArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('hex Merkle hashing', () => {
  it('gives the same hashes as the byte functions', () => {
    fc.assert(
      fc.property(hashArb, hashArb, (a, b) => {
        expect(leafHashOfHex32(merkleHashToHex(a))).toBe(merkleHashToHex(leafHash(a)));
        expect(nodeHashHex(merkleHashToHex(a), merkleHashToHex(b))).toBe(merkleHashToHex(nodeHash(a, b)));
      }),
    );
  });

  it('appends in any chunks to the same frontier, completed nodes and root as the byte appender', () => {
    fc.assert(
      fc.property(fc.array(hashArb, { maxLength: 80 }), fc.nat({ max: 80 }), (leaves, cut) => {
        const bytes = appendCompletingSubtrees(EMPTY_MERKLE_FRONTIER, leaves);
        const first = appendCompletingSubtreesHex({ size: 0, subtreeRoots: [] }, leaves.slice(0, cut).map(merkleHashToHex));
        const second = appendCompletingSubtreesHex(first.frontier, leaves.slice(cut).map(merkleHashToHex));
        expect(second.frontier.size).toBe(leaves.length);
        expect(second.frontier.subtreeRoots).toEqual(bytes.frontier.subtreeRoots.map(merkleHashToHex));
        expect([...first.completed, ...second.completed]).toEqual(bytes.completed.map((n) => ({ ...n, hash: merkleHashToHex(n.hash) })));
        expect(hexFrontierRoot(second.frontier)).toBe(merkleHashToHex(frontierRoot(bytes.frontier)));
      }),
    );
  });

  it('an event leaf hash in hex is leafHash of its leaf data', () => {
    const event = { streamId: 's', revision: 1, eventId: 'e', type: 't', data: { a: 1 }, metadata: {} };
    expect(transparencyLeafHashHex(event)).toBe(merkleHashToHex(leafHash(transparencyLeafData(event))));
  });

  it('refuses anything but 64 lower-case hex characters', () => {
    expect(() => leafHashOfHex32('AB'.repeat(32))).toThrow('leaf data must be 64 lower-case hex characters');
    expect(() => nodeHashHex('ab'.repeat(32), 'ab')).toThrow('right child hash must be 64 lower-case hex characters');
    expect(() => appendCompletingSubtreesHex({ size: 0, subtreeRoots: [] }, ['xyz'])).toThrow('leaf hash 0 must be 64 lower-case hex characters');
    expect(() => appendCompletingSubtreesHex({ size: 1, subtreeRoots: ['no'] }, [])).toThrow('frontier subtree root 0 must be');
  });
});
