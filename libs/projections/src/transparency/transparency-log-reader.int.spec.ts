import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { testTargets } from '@apo/read-store/testing';
import { TransparencyLogReader, TransparencyRangeError, transparencyLogProjection } from '@apo/shared-read-models';
import {
  arrayMerkleSource,
  consistencyProof,
  EMPTY_TREE_ROOT,
  inclusionProof,
  leafHash,
  merkleHashFromHex,
  merkleHashToHex,
  rootOf,
  transparencyLeafData,
  verifyConsistency,
  verifyInclusion,
} from '@apo/transparency-log';
import type { KyselyPlugin } from 'kysely';
import { LiveProjections } from '../testing';

const LEAVES = 300;

/** Counts the statements a reader runs (one result each) and the rows they return. */
class CountingPlugin implements KyselyPlugin {
  queries = 0;
  rows = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node;
  transformResult: KyselyPlugin['transformResult'] = async (args) => {
    this.queries++;
    this.rows += args.result.rows.length;
    return args.result;
  };
  reset(): void {
    this.queries = 0;
    this.rows = 0;
  }
}

const hexes = (hashes: readonly Uint8Array[]) => hashes.map(merkleHashToHex);

describe.each(testTargets('transparency log reader'))('transparency log reader (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'transparency-reader-', projections: [] });
  let store: EventStore;
  let readStore: ReadStore;
  let events: RecordedEvent[];
  let leaves: Uint8Array[];
  let reader: TransparencyLogReader;
  const counting = new CountingPlugin();

  beforeAll(async () => {
    ({ store, readStore } = await live.start());
    for (let s = 0; s < LEAVES / 20; s++) {
      const batch = Array.from({ length: 20 }, (_, i) => ({ eventId: randomUUID(), type: 'Raw', data: { s, i }, metadata: {} }));
      await store.appendToStream(`raw-${s}`, batch, 'no_stream');
    }
    events = [];
    for await (const event of store.readAll()) events.push(event);
    leaves = events.map((event) => leafHash(transparencyLeafData(event)));
    const projection = transparencyLogProjection();
    for (let at = 0; at < events.length; at += 37) await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(at, at + 37)));
    reader = new TransparencyLogReader(readStore.db.withPlugin(counting));
  });
  afterAll(() => live.stop());

  it('answers size, leaves by index and by event, and the root of every prefix', async () => {
    expect(await reader.treeSize()).toBe(LEAVES);
    const leaf = await reader.leafOf(events[45]);
    expect(leaf).toEqual({
      leafIndex: 45,
      position: events[45].position.toString(),
      streamId: events[45].streamId,
      revision: events[45].revision,
      eventId: events[45].eventId,
      leafHash: merkleHashToHex(leaves[45]),
    });
    expect(await reader.leafAt(45)).toEqual(leaf);
    expect(await reader.leafAt(LEAVES)).toBeUndefined();
    expect(await reader.leafOf({ streamId: 'raw-0', revision: 999, position: 999_999n })).toBeUndefined();
    // The leaf at an event's position is another event's: the log and the tree disagree, no leaf is answered.
    expect(await reader.leafOf({ ...events[45], revision: events[45].revision + 1 })).toBeUndefined();
    expect(merkleHashToHex(await reader.rootAt(0))).toBe(merkleHashToHex(EMPTY_TREE_ROOT));
    for (const size of [1, 2, 3, 64, 65, 127, 128, 200, LEAVES])
      expect(merkleHashToHex(await reader.rootAt(size))).toBe(merkleHashToHex(rootOf(leaves.slice(0, size))));
  });

  it('an inclusion proof verifies against rootAt and equals the one built from all leaves, in two queries and O(log n) rows', async () => {
    const caseArb = fc.integer({ min: 1, max: LEAVES }).chain((size) => fc.record({ size: fc.constant(size), index: fc.nat({ max: size - 1 }) }));
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ size, index }) => {
        counting.reset();
        const proof = await reader.inclusionProof(index, size);
        expect(counting.queries).toBeLessThanOrEqual(2);
        expect(counting.rows).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(size)) + 1);
        const leaf = merkleHashFromHex((await reader.leafAt(index))?.leafHash as string);
        expect(verifyInclusion(leaf, index, size, proof, await reader.rootAt(size))).toBe(true);
        expect(hexes(proof)).toEqual(hexes(inclusionProof(arrayMerkleSource(leaves), index, size)));
      }),
      { numRuns: 60 },
    );
  });

  it('a consistency proof verifies between rootAt of both sizes and equals the one built from all leaves, in two queries', async () => {
    const caseArb = fc
      .integer({ min: 1, max: LEAVES })
      .chain((newSize) => fc.record({ newSize: fc.constant(newSize), oldSize: fc.integer({ min: 1, max: newSize }) }));
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ oldSize, newSize }) => {
        counting.reset();
        const proof = await reader.consistencyProof(oldSize, newSize);
        expect(counting.queries).toBeLessThanOrEqual(2);
        expect(counting.rows).toBeLessThanOrEqual(1 + 3 * Math.ceil(Math.log2(newSize)) + 2);
        expect(verifyConsistency(oldSize, newSize, await reader.rootAt(oldSize), await reader.rootAt(newSize), proof)).toBe(true);
        expect(hexes(proof)).toEqual(hexes(consistencyProof(arrayMerkleSource(leaves), oldSize, newSize)));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a size beyond the stored leaves, an index beyond the size, or a size that is no size, with a clear error', async () => {
    await expect(reader.rootAt(LEAVES + 1)).rejects.toThrow(new TransparencyRangeError(`tree size ${LEAVES + 1} is beyond the ${LEAVES} leaves stored`));
    await expect(reader.inclusionProof(5, 5)).rejects.toThrow('leaf index 5 is not below tree size 5');
    await expect(reader.inclusionProof(0, LEAVES + 1)).rejects.toBeInstanceOf(TransparencyRangeError);
    await expect(reader.consistencyProof(10, 9)).rejects.toThrow('old tree size 10 is larger than new tree size 9');
    await expect(reader.rootAt(-1)).rejects.toThrow('tree size must be a non-negative safe integer');
    await expect(reader.inclusionProof(1.5, 3)).rejects.toThrow('leaf index must be a non-negative safe integer');
  });

  it('reads checkpoints and alarms as stored', async () => {
    expect(await reader.latestCheckpoint()).toBeUndefined();
    const row = (size: number) => ({
      tree_size: String(size),
      root_hash: merkleHashToHex(rootOf(leaves.slice(0, size))),
      note: `note ${size}\n`,
      origin: 'example.org/log',
      key_name: 'example.org/log',
      key_id: '0a0b0c0d',
      verifier_key: 'example.org/log+0a0b0c0d+AQ==',
      signed_at: '2026-01-01T00:00:00.000Z',
      epoch: 0,
    });
    await readStore.db
      .insertInto('transparency_checkpoints')
      .values([row(10), row(100), row(200)])
      .execute();
    expect((await reader.latestCheckpoint())?.treeSize).toBe(200);
    expect(await reader.checkpointAt(100)).toEqual({
      treeSize: 100,
      rootHash: row(100).root_hash,
      note: 'note 100\n',
      origin: 'example.org/log',
      keyName: 'example.org/log',
      keyId: '0a0b0c0d',
      verifierKey: 'example.org/log+0a0b0c0d+AQ==',
      signedAt: '2026-01-01T00:00:00.000Z',
      epoch: 0,
    });
    expect(await reader.checkpointAt(11)).toBeUndefined();
    expect((await reader.checkpoints({ after: 10, limit: 1 })).map((c) => c.treeSize)).toEqual([100]);
    expect((await reader.checkpoints()).map((c) => c.treeSize)).toEqual([10, 100, 200]);
    await expect(reader.checkpoints({ limit: 0 })).rejects.toBeInstanceOf(TransparencyRangeError);
    await readStore.db
      .insertInto('transparency_checkpoints')
      .values({ ...row(250), key_id: '0e0e0e0e', verifier_key: 'example.org/log+0e0e0e0e+AQ==', signed_at: '2026-02-01T00:00:00.000Z' })
      .execute();
    expect(await reader.signerKeys()).toEqual([
      {
        verifierKey: 'example.org/log+0a0b0c0d+AQ==',
        keyName: 'example.org/log',
        keyId: '0a0b0c0d',
        checkpoints: 3,
        firstTreeSize: 10,
        lastTreeSize: 200,
        firstSignedAt: '2026-01-01T00:00:00.000Z',
        lastSignedAt: '2026-01-01T00:00:00.000Z',
      },
      {
        verifierKey: 'example.org/log+0e0e0e0e+AQ==',
        keyName: 'example.org/log',
        keyId: '0e0e0e0e',
        checkpoints: 1,
        firstTreeSize: 250,
        lastTreeSize: 250,
        firstSignedAt: '2026-02-01T00:00:00.000Z',
        lastSignedAt: '2026-02-01T00:00:00.000Z',
      },
    ]);

    const alarm = {
      detected_at: '2026-01-02T00:00:00.000Z',
      kind: 'truncated',
      summary: 's',
      finding_key: 'k',
      acknowledged_at: null,
      acknowledged_by: null,
      ack_reason: null,
    };
    await readStore.db
      .insertInto('transparency_alarms')
      .values([
        { ...alarm, id: 1, detail: '{"fromLeaf":3}', acknowledged_at: '2026-01-03T00:00:00.000Z', acknowledged_by: 'admin:a', ack_reason: 'restored' },
        { ...alarm, id: 2, detail: 'not json' },
      ])
      .execute();
    expect((await reader.alarms()).map((a) => [a.id, a.detail, a.ackReason])).toEqual([
      [1, { fromLeaf: 3 }, 'restored'],
      [2, 'not json', null],
    ]);
    expect((await reader.openAlarms()).map((a) => a.id)).toEqual([2]);
  });
});
