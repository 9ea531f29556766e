import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@apo/event-store';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import { generateNoteKeys, merkleHashToHex, openCheckpoint } from '@apo/transparency-log';
import { openEventStore } from './open-stores';
import { ProjectionSupervisor } from './projection-supervisor';
import { StoreEnvironment } from './store-environment';
import { transparencyCheckpointing } from './transparency-checkpointing';

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('transparency checkpoints of a supervised runner', () => {
  const ORIGIN = 'log.example.org';
  const keys = generateNoteKeys(ORIGIN);
  let dir: string;
  let store: EventStore;
  let readStore: ReadStore;
  let supervisor: ProjectionSupervisor | undefined;
  const lines: string[] = [];
  const logger = { log: (m: string) => lines.push(`log ${m}`), error: (m: string) => lines.push(`error ${m}`) };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'transparency-timer-'));
    ({ store } = await openEventStore(Object.assign(new StoreEnvironment(), { DATA_DIR: dir })));
    readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await supervisor?.stop();
    await readStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (count: number) =>
    store.appendToStream(
      'raw-1',
      Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'Raw', data: { i }, metadata: {} })),
      'any',
    );

  it('signs every N events in the batch and, after T seconds idle, the tree that grew since; the notes open with the verifier key', async () => {
    const checkpointing = transparencyCheckpointing({ signerKey: keys.signerKey, origin: ORIGIN, everyEvents: 5, everySeconds: 1 });
    supervisor = new ProjectionSupervisor({
      store,
      readStore,
      projections: [transparencyLogProjection(checkpointing.projection)],
      logger,
      timedCheckpoints: checkpointing.timer,
    });
    const reader = new TransparencyLogReader(readStore.db);
    await append(6);
    supervisor.start();
    expect(await supervisor.waitForPosition(6n, 5_000)).toBe(true);
    // The batch of six brought the tree five past nothing: signed with it.
    expect((await reader.checkpoints()).map((c) => c.treeSize)).toEqual([6]);
    await append(2);
    expect(await supervisor.waitForPosition(8n, 5_000)).toBe(true);
    expect((await reader.checkpoints()).map((c) => c.treeSize)).toEqual([6]);
    // Idle: within about a second the timer signs the 8 leaves.
    await until(async () => (await reader.latestCheckpoint())?.treeSize === 8, 5_000);
    const latest = await reader.latestCheckpoint();
    const opened = openCheckpoint(latest?.note as string, [keys.verifierKey], ORIGIN).checkpoint;
    expect(merkleHashToHex(opened.rootHash)).toBe(merkleHashToHex(await reader.rootAt(8)));
    expect(latest?.verifierKey).toBe(checkpointing.checkpointer.verifierKey);
    // Nothing new: no more checkpoints.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await reader.checkpoints()).map((c) => c.treeSize)).toEqual([6, 8]);
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });
});
