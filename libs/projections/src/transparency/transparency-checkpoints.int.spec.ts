import { randomUUID } from 'node:crypto';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { testTargets } from '@apo/read-store/testing';
import { TransparencyCheckpointer, TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import { generateNoteKeys, leafHash, merkleHashToHex, openCheckpoint, parseSignerKey, rootOf, transparencyLeafData } from '@apo/transparency-log';
import type { ProjectionRunner } from '../runner/projection-runner';
import { LiveProjections } from '../testing';

const ORIGIN = 'audit.example.org/apo';
const EVERY = 10;

describe.each(testTargets('transparency checkpoints'))('transparency checkpoints (%s)', (_dialect, makeTarget) => {
  const keys = generateNoteKeys(ORIGIN);
  let now = new Date('2026-03-01T00:00:00.000Z');
  const checkpointer = new TransparencyCheckpointer({ signer: parseSignerKey(keys.signerKey), origin: ORIGIN, everyEvents: EVERY, now: () => now });
  const live = new LiveProjections(makeTarget, {
    prefix: 'transparency-checkpoints-',
    projections: [transparencyLogProjection({ afterAppend: checkpointer.afterAppend })],
    batchSize: 4,
  });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  let reader: TransparencyLogReader;

  const append = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await store.appendToStream(`raw-${i % 3}`, [{ eventId: randomUUID(), type: 'Raw', data: { i }, metadata: {} }], 'any');
      if (i % 5 === 4) await runner.catchUp();
    }
    await runner.catchUp();
  };
  const leavesOfLog = async () => {
    const leaves: Uint8Array[] = [];
    for await (const event of store.readAll()) leaves.push(leafHash(transparencyLeafData(event)));
    return leaves;
  };

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    reader = new TransparencyLogReader(readStore.db);
  });
  afterAll(() => live.stop());

  it('signs a checkpoint each time a batch brings the tree CHECKPOINT_EVERY_EVENTS past the last one, in that batch', async () => {
    await append(9);
    expect(await reader.latestCheckpoint()).toBeUndefined();
    await append(38);
    const sizes = (await reader.checkpoints()).map((c) => c.treeSize);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    // Batches hold at most 4 events: each checkpoint is 10 to 13 leaves after the one before.
    sizes.forEach((size, i) => expect(size - (i === 0 ? 0 : sizes[i - 1])).toBeGreaterThanOrEqual(EVERY));
    sizes.forEach((size, i) => expect(size - (i === 0 ? 0 : sizes[i - 1])).toBeLessThan(EVERY + 4));
  });

  it('each checkpoint opens with the verifier key stored beside it and states the root of the tree of its size', async () => {
    const leaves = await leavesOfLog();
    for (const checkpoint of await reader.checkpoints()) {
      expect(checkpoint).toMatchObject({ origin: ORIGIN, keyName: ORIGIN, verifierKey: keys.verifierKey, epoch: 0, signedAt: '2026-03-01T00:00:00.000Z' });
      expect(checkpoint.keyId).toBe(keys.verifierKey.split('+')[1]);
      const opened = openCheckpoint(checkpoint.note, [checkpoint.verifierKey], ORIGIN).checkpoint;
      expect(opened.size).toBe(checkpoint.treeSize);
      const root = merkleHashToHex(rootOf(leaves.slice(0, checkpoint.treeSize)));
      expect(merkleHashToHex(opened.rootHash)).toBe(root);
      expect(checkpoint.rootHash).toBe(root);
      expect(merkleHashToHex(await reader.rootAt(checkpoint.treeSize))).toBe(root);
    }
  });

  it('the timer signs the tree when it grew since the last checkpoint, and nothing when it did not', async () => {
    const before = await reader.latestCheckpoint();
    await append(3);
    now = new Date('2026-03-01T00:01:00.000Z');
    const signed = await checkpointer.signIfGrown(readStore.db);
    const size = await reader.treeSize();
    expect(Number(signed?.tree_size)).toBe(size);
    expect(size).toBeGreaterThan(before?.treeSize ?? 0);
    const latest = await reader.latestCheckpoint();
    expect(latest).toMatchObject({ treeSize: size, signedAt: '2026-03-01T00:01:00.000Z' });
    expect(merkleHashToHex(openCheckpoint(latest?.note as string, [keys.verifierKey], ORIGIN).checkpoint.rootHash)).toBe(
      merkleHashToHex(rootOf(await leavesOfLog())),
    );
    expect(await checkpointer.signIfGrown(readStore.db)).toBeUndefined();
  });

  it('a rotated key signs on; the old checkpoints still open with their own verifier key, not with the new one', async () => {
    const rotated = generateNoteKeys(ORIGIN);
    const next = new TransparencyCheckpointer({ signer: parseSignerKey(rotated.signerKey), origin: ORIGIN, everyEvents: EVERY });
    await append(2);
    await next.signIfGrown(readStore.db);
    const all = await reader.checkpoints();
    expect(new Set(all.map((c) => c.verifierKey))).toEqual(new Set([keys.verifierKey, rotated.verifierKey]));
    for (const checkpoint of all) expect(openCheckpoint(checkpoint.note, [checkpoint.verifierKey], ORIGIN).checkpoint.size).toBe(checkpoint.treeSize);
    const old = all[0];
    // Same key name, another key: the old note does not open with the new verifier key alone.
    expect(() => openCheckpoint(old.note, [rotated.verifierKey], ORIGIN)).toThrow();
  });

  it('a rebuild of the tree keeps every checkpoint', async () => {
    const before = await reader.checkpoints();
    await runner.rebuild('transparency-log');
    await runner.catchUp();
    expect(await reader.checkpoints()).toEqual(before);
  });
});
