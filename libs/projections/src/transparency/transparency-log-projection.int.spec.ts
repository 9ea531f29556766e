import { randomUUID } from 'node:crypto';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore, EventToAppend, RecordedEvent } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { testTargets } from '@apo/read-store/testing';
import { TRANSPARENCY_LOG_PROJECTION, TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import { leafHash, merkleHashToHex, rootOf, transparencyLeafData } from '@apo/transparency-log';
import type { ProjectionRunner } from '../runner/projection-runner';
import { coeV1Registry, LiveProjections, lifeScriptSteps, runSteps } from '../testing';

/** The leaf hashes of the log as the store reads it back, in log order: what the tree must hold. */
async function leavesOfLog(store: EventStore): Promise<Uint8Array[]> {
  const leaves: Uint8Array[] = [];
  for await (const event of store.readAll()) leaves.push(leafHash(transparencyLeafData(event)));
  return leaves;
}

async function eventsOfLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

const storedLeaves = async (readStore: ReadStore) =>
  (await readStore.db.selectFrom('transparency_leaves').selectAll().orderBy('leaf_index').execute()).map((row) => ({
    leafIndex: Number(row.leaf_index),
    position: String(row.position),
    streamId: row.stream_id,
    revision: Number(row.revision),
    eventId: row.event_id,
    leafHash: row.leaf_hash,
  }));

const nodeCount = async (readStore: ReadStore) =>
  Number(
    (
      await readStore.db
        .selectFrom('transparency_nodes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const perfectSubtrees = (n: number) => {
  let count = 0;
  for (let width = 2; width <= n; width *= 2) count += Math.floor(n / width);
  return count;
};

/** Events written by hand (no engine): with a stored hash, with none, with one that is not lower-case hex. */
async function appendRaw(store: EventStore, streams: number, perStream: number, tag: string): Promise<void> {
  for (let s = 0; s < streams; s++) {
    const events = Array.from({ length: perStream }, (_, i) => {
      const variant = (s + i) % 3;
      const metadata = variant === 0 ? { hash: 'ab'.repeat(32), note: tag } : variant === 1 ? { note: tag } : { hash: 'AB'.repeat(32), note: tag };
      return { eventId: randomUUID(), type: 'Raw', data: { s, i, tag }, metadata: metadata as EventToAppend['metadata'] };
    });
    await store.appendToStream(`raw-${tag}-${s}`, events, 'any');
  }
}

describe.each(testTargets('transparency log projection'))('transparency log projection (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'transparency-log-', projections: () => [transparencyLogProjection()], batchSize: 7 });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  let reader: TransparencyLogReader;

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    reader = new TransparencyLogReader(readStore.db);
    await runSteps(store, lifeScriptSteps('th-digital', coeLifeScript), coeV1Registry());
    await appendRaw(store, 5, 9, 'first');
    await runner.catchUp();
  });
  afterAll(() => live.stop());

  const expectTreeOfLog = async () => {
    const leaves = await leavesOfLog(store);
    const events = await eventsOfLog(store);
    expect(await storedLeaves(readStore)).toEqual(
      events.map((event, i) => ({
        leafIndex: i,
        position: event.position.toString(),
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.eventId,
        leafHash: merkleHashToHex(leaves[i]),
      })),
    );
    expect(await reader.treeSize()).toBe(leaves.length);
    expect(merkleHashToHex(await reader.rootAt(leaves.length))).toBe(merkleHashToHex(rootOf(leaves)));
    expect(await nodeCount(readStore)).toBe(perfectSubtrees(leaves.length));
    return leaves;
  };

  it('holds one leaf per event of the log, in log order, and its stored root is the root of the log', async () => {
    const leaves = await expectTreeOfLog();
    expect(leaves.length).toBeGreaterThan(45);
  });

  it('grows with the log, batch after batch, to the root of the whole log', async () => {
    await appendRaw(store, 4, 11, 'second');
    await runner.catchUp();
    await appendRaw(store, 1, 1, 'third');
    await runner.catchUp();
    await expectTreeOfLog();
  });

  it('a rebuild writes the same leaves and nodes again', async () => {
    const before = await storedLeaves(readStore);
    await runner.rebuild(TRANSPARENCY_LOG_PROJECTION);
    await runner.catchUp();
    expect(await storedLeaves(readStore)).toEqual(before);
    await expectTreeOfLog();
  });
});

describe.each(testTargets('transparency log projection batches'))('transparency log projection batches (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'transparency-batches-', projections: [] });
  let store: EventStore;
  let readStore: ReadStore;

  beforeAll(async () => {
    ({ store, readStore } = await live.start());
    await appendRaw(store, 3, 10, 'batch');
  });
  afterAll(() => live.stop());

  it('after a rolled-back batch, the next one goes on from the stored tree (not the frontier it had cached)', async () => {
    const projection = transparencyLogProjection();
    const events = await eventsOfLog(store);
    await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(0, 5)));
    await expect(
      readStore.db.transaction().execute(async (trx) => {
        await projection.apply(trx, events.slice(5, 12));
        throw new Error('another projection failed');
      }),
    ).rejects.toThrow('another projection failed');
    await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(5, 20)));
    // A batch applied again (its checkpoint not moved) appends nothing twice.
    await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(15, 30)));
    const leaves = (await leavesOfLog(store)).slice(0, 30);
    expect((await storedLeaves(readStore)).map((leaf) => leaf.leafHash)).toEqual(leaves.map(merkleHashToHex));
    const reader = new TransparencyLogReader(readStore.db);
    expect(merkleHashToHex(await reader.rootAt(30))).toBe(merkleHashToHex(rootOf(leaves)));
    expect(merkleHashToHex(await reader.rootAt(13))).toBe(merkleHashToHex(rootOf(leaves.slice(0, 13))));
  });

  it('hands the checkpointer the tree it wrote, inside the batch transaction', async () => {
    await readStore.db.deleteFrom('transparency_leaves').execute();
    await readStore.db.deleteFrom('transparency_nodes').execute();
    const seen: [number, number, string][] = [];
    const projection = transparencyLogProjection({
      afterAppend: async (_trx, tree) => void seen.push([tree.size, tree.appended, merkleHashToHex(tree.root())]),
    });
    const events = await eventsOfLog(store);
    await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(0, 4)));
    await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(4, 9)));
    const leaves = await leavesOfLog(store);
    expect(seen).toEqual([
      [4, 4, merkleHashToHex(rootOf(leaves.slice(0, 4)))],
      [9, 5, merkleHashToHex(rootOf(leaves.slice(0, 9)))],
    ]);
  });
});
