import fc from 'fast-check';
import { hashEvent } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import {
  arrayMerkleSource,
  consistencyProof,
  formatCheckpoint,
  generateNoteKeys,
  inclusionProof,
  leafHash,
  merkleHashToHex,
  rootOf,
  signNote,
  transparencyLeafData,
  verifyInclusion,
  merkleHashFromHex,
} from '@apo/transparency-log';
import { ProofMismatch, ProofUnavailable, proveConsistency, proveEvent, type CheckpointRow, type ProofLogReader } from './checkpointed-proofs';

const ORIGIN = 'apo.example.org/log';
const KEYS = generateNoteKeys(ORIGIN);
const OTHER = generateNoteKeys(ORIGIN);

/** `n` events of one stream `s`, each with its envelope hash as the engine writes it. */
function streamOf(n: number): RecordedEvent[] {
  return Array.from({ length: n }, (_, revision) => {
    const base = {
      streamId: 's',
      revision,
      eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      type: 'Raw',
      data: { revision },
      metadata: {},
    };
    return { ...base, metadata: { hash: hashEvent(base) }, position: BigInt(revision + 1), createdAt: '2030-01-01T00:00:00Z' } as unknown as RecordedEvent;
  });
}

/** A log reader over an in-memory tree with checkpoint rows as given. */
function readerOf(events: readonly RecordedEvent[], rows: CheckpointRow[]): ProofLogReader {
  const leaves = events.map((e) => leafHash(transparencyLeafData(e)));
  const source = arrayMerkleSource(leaves);
  return {
    leafOf: async ({ revision }) => (revision < leaves.length ? { leafIndex: revision, leafHash: merkleHashToHex(leaves[revision]) } : undefined),
    inclusionProof: async (index, size) => inclusionProof(source, index, size),
    consistencyProof: async (oldSize, newSize) => consistencyProof(source, oldSize, newSize),
    latestCheckpoint: async () => [...rows].sort((a, b) => b.treeSize - a.treeSize)[0],
    checkpointAt: async (size) => rows.find((r) => r.treeSize === size),
  };
}

const row = (size: number, root: Uint8Array, keys = KEYS, verifierKey = keys.verifierKey): CheckpointRow => ({
  treeSize: size,
  note: signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash: root }), [keys.signerKey]),
  verifierKey,
});
const storeOf = (events: RecordedEvent[]) => ({ readStream: async (id: string) => (id === 's' ? events : []) }) as unknown as EventStore;

describe('proveEvent and proveConsistency (the proofs the CLI prints and the evidence routes serve)', () => {
  it('an event inside the checkpoint gets a proof that verifies against the signed root; one after it is not checkpointed yet', async () => {
    const caseArb = fc
      .integer({ min: 1, max: 40 })
      .chain((n) => fc.record({ n: fc.constant(n), size: fc.integer({ min: 1, max: n }), revision: fc.nat({ max: n - 1 }) }));
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ n, size, revision }) => {
        const events = streamOf(n);
        const leaves = events.map((e) => leafHash(transparencyLeafData(e)));
        const reader = readerOf(events, [row(size, rootOf(leaves.slice(0, size)))]);
        const proving = proveEvent(storeOf(events), reader, 's', revision);
        if (revision >= size) return void (await expect(proving).rejects.toMatchObject({ reason: 'not-checkpointed', name: 'ProofUnavailable' }));
        const proof = await proving;
        expect(proof).toMatchObject({ leafIndex: revision, treeSize: size, verifierKey: KEYS.verifierKey });
        expect(
          verifyInclusion(
            leaves[revision],
            revision,
            size,
            proof.proof.map((h) => merkleHashFromHex(h)),
            merkleHashFromHex(proof.rootHash),
          ),
        ).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses what it cannot prove with the reason: no checkpoint at all, none of that size, a revision beyond the stream, an unknown stream', async () => {
    const events = streamOf(4);
    const root = rootOf(events.map((e) => leafHash(transparencyLeafData(e))));
    await expect(proveEvent(storeOf(events), readerOf(events, []), 's', 0)).rejects.toThrow(
      new ProofUnavailable('no signed checkpoint yet: the log has not been checkpointed', 'not-checkpointed'),
    );
    const reader = readerOf(events, [row(4, root)]);
    await expect(proveEvent(storeOf(events), reader, 's', 0, { treeSize: 3 })).rejects.toThrow('no signed checkpoint of tree size 3');
    await expect(proveEvent(storeOf(events), reader, 's', 4)).rejects.toThrow('s has revisions 0..3, not 4');
    await expect(proveEvent(storeOf(events), reader, 'nowhere', 0)).rejects.toThrow(/not found/);
  });

  it('a stored checkpoint its own key does not open, or one that signed another root, is a ProofMismatch, never a proof', async () => {
    const events = streamOf(6);
    const leaves = events.map((e) => leafHash(transparencyLeafData(e)));
    const store = storeOf(events);
    // Signed by another key than the row names.
    await expect(proveEvent(store, readerOf(events, [row(6, rootOf(leaves), OTHER, KEYS.verifierKey)]), 's', 1)).rejects.toThrow(ProofMismatch);
    // A signature over a root the tree does not give (the tree or the checkpoint lies).
    const lie = rootOf(leaves.slice(0, 5));
    await expect(proveEvent(store, readerOf(events, [row(6, lie)]), 's', 1)).rejects.toThrow(
      /s@1: the inclusion proof of leaf 1 does not verify against the signed root of checkpoint 6/,
    );
    await expect(proveConsistency(readerOf(events, [row(3, rootOf(leaves.slice(0, 3))), row(6, lie)]), 3, 6)).rejects.toThrow(
      'the consistency proof from checkpoint 3 to checkpoint 6 does not verify against their signed roots',
    );
  });

  it('a consistency proof between any two stored checkpoints verifies', async () => {
    const caseArb = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).map(([a, b, c]) => {
      const [oldSize, newSize, n] = [a, b, c].sort((x, y) => x - y);
      return { n, oldSize, newSize };
    });
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ n, oldSize, newSize }) => {
        const events = streamOf(n);
        const leaves = events.map((e) => leafHash(transparencyLeafData(e)));
        const reader = readerOf(events, [row(oldSize, rootOf(leaves.slice(0, oldSize))), row(newSize, rootOf(leaves.slice(0, newSize)))]);
        const proof = await proveConsistency(reader, oldSize, newSize);
        expect(proof).toMatchObject({ oldSize, newSize, oldRoot: merkleHashToHex(rootOf(leaves.slice(0, oldSize))) });
      }),
      { numRuns: 60 },
    );
  });
});
