import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEsdbEventStore, type EsdbEventStore } from '@apo/event-store/esdb';
import { startEsdbWireServer, type EsdbWireServer } from '@apo/event-store/testing';
import { recordedOnVersion2 } from '@apo/coe/testing';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { readModelNames, readModelProjections, ProjectionRunner } from '@apo/projections';
import { generatePortfolio, readModelRows, runSteps } from '@apo/projections/testing';
import { checkStoreAgainstCheckpoints } from '@apo/audit';
import { loadTransparencySigning } from '@apo/runtime';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { leafHash, merkleHashToHex, rootOf, transparencyLeafData } from '@apo/transparency-log';
import { ProjectorProcess } from './testing/projector-process';

type Health = Awaited<ReturnType<ProjectorProcess['health']>>;

/** Polls a projector's /health until `ready` holds. */
async function healthWhen(projector: ProjectorProcess, ready: (h: Health) => boolean, timeoutMs = 20_000): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await projector.health();
    if (ready(health)) return health;
    if (Date.now() > deadline) throw new Error(`not ready: ${JSON.stringify(health.body)}\n${projector.lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const caughtUp = (h: Health) =>
  h.body.readModels.status === 'up' && h.body.readModels.lagEvents === 0 && h.body.readModels.position === h.body.readModels.headPosition;

describe('apps/projector: two processes on one read store (SQLite) over EventStoreDB', () => {
  const steps = recordedOnVersion2(generatePortfolio({ count: 16, seed: 5 }));
  const thirds = [steps.slice(0, steps.length / 3), steps.slice(steps.length / 3, (2 * steps.length) / 3), steps.slice((2 * steps.length) / 3)];
  let server: EsdbWireServer;
  let store: EsdbEventStore;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    env = {
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      READ_DATABASE_URL: `sqlite:${join(dir, 'read.sqlite')}`,
      PROJECTOR_PORT: '0',
      // Where the transparency log's signer key is created (both processes sign with it).
      DATA_DIR: dir,
      CHECKPOINT_EVERY_EVENTS: '50',
    };
    await runSteps(store, thirds[0]);
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('only one applies while the other waits; after the first is killed the second takes over and the read models are complete', async () => {
    const started: ProjectorProcess[] = [];
    try {
      const first = await ProjectorProcess.start(env);
      started.push(first);
      await healthWhen(first, caughtUp);
      const second = await ProjectorProcess.start(env);
      started.push(second);
      await second.waitFor(/waiting for the projection lease on .*read\.sqlite: another runner holds it/);
      expect(await second.health()).toMatchObject({
        status: 200,
        body: { status: 'ok', readModels: { status: 'waiting-for-lease', runner: 'waiting-for-lease' } },
      });

      await runSteps(store, thirds[1]);
      await healthWhen(first, caughtUp);
      expect(await first.metric('apo_projection_batches_total')).toBeGreaterThan(0);
      expect(await second.metric('apo_projection_batches_total')).toBe(0);
      expect(await second.metric('apo_projection_events_total')).toBe(0);

      first.child.kill('SIGKILL');
      expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
      await runSteps(store, thirds[2]);
      const taken = await healthWhen(second, caughtUp);
      expect(taken.body.readModels).toMatchObject({ runner: 'running', secondsBehind: 0 });
      await second.waitFor(new RegExp(`lease acquired; keeping ${readModelNames().length} projections`));
      expect(await second.metric('apo_projection_batches_total')).toBeGreaterThan(0);

      second.child.kill('SIGTERM');
      expect(await second.exited).toEqual({ code: 0, signal: null });
      await second.waitFor(/projector stopped/);
    } finally {
      for (const projector of started) projector.child.kill('SIGKILL');
    }

    // Complete and exact: equal, row for row, to a from-zero rebuild of the same log.
    const kept = await openReadStore({ url: join(dir, 'read.sqlite') });
    const fresh = await openReadStore({ url: join(dir, 'fresh.sqlite') });
    const runner = new ProjectionRunner({ store, readStore: fresh, projections: readModelProjections({ registry: createRegistry(), store }) });
    try {
      await runner.start();
      await runner.catchUp();
      const rows = await readModelRows(kept);
      expect(rows.coe_overview).toHaveLength(16);
      expect(rows).toEqual(await readModelRows(fresh));

      // The transparency log over EventStoreDB: the tree is the log's, its latest checkpoint was
      // signed with the key file's key and the self-check holds the log to it.
      const leaves: Uint8Array[] = [];
      for await (const event of store.readAll()) leaves.push(leafHash(transparencyLeafData(event)));
      const reader = new TransparencyLogReader(kept.db);
      expect(merkleHashToHex(await reader.rootAt(leaves.length))).toBe(merkleHashToHex(rootOf(leaves)));
      const signing = loadTransparencySigning({ DATA_DIR: dir, CHECKPOINT_EVERY_EVENTS: 1000, CHECKPOINT_EVERY_SECONDS: 60 });
      const latest = await reader.latestCheckpoint();
      expect(latest?.treeSize).toBeGreaterThan(0);
      const held = { note: latest?.note ?? '', verifierKeys: signing.trustedKeys, origin: signing.origin, source: 'own' };
      expect((await checkStoreAgainstCheckpoints(store, { checkpoints: [held] })).findings).toEqual([]);
    } finally {
      await runner.stop();
      await Promise.all([kept.close(), fresh.close()]);
    }
  }, 120_000);

  it('exits 2 naming every bad variable', async () => {
    const bad = ProjectorProcess.spawn({ PROJECTOR_PORT: 'http', EVENT_STORE: 'eventstoredb' });
    expect(await bad.exited).toEqual({ code: 2, signal: null });
    expect(bad.lines.join('\n')).toMatch(
      /invalid configuration:[\s\S]*PROJECTOR_PORT[\s\S]*EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb/,
    );
  }, 30_000);

  it('a transparency key file others may read stops the start: exit 2, naming the file and what is wrong', async () => {
    const keyFile = join(dir, 'open.key');
    writeFileSync(keyFile, 'PRIVATE+KEY+x+00000000+AQ==\n');
    chmodSync(keyFile, 0o644);
    const bad = ProjectorProcess.spawn({ ...env, TRANSPARENCY_KEY_FILE: keyFile });
    expect(await bad.exited).toEqual({ code: 2, signal: null });
    expect(bad.lines.join('\n')).toContain(`TRANSPARENCY_KEY_FILE ${keyFile}: group or others may access it (mode 0644)`);
  }, 30_000);

  it('a transparency key file that holds no signer key stops the start: exit 2', async () => {
    const keyFile = join(dir, 'garbage.key');
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
    const bad = ProjectorProcess.spawn({ ...env, TRANSPARENCY_KEY_FILE: keyFile });
    expect(await bad.exited).toEqual({ code: 2, signal: null });
    expect(bad.lines.join('\n')).toContain(`TRANSPARENCY_KEY_FILE ${keyFile}: does not hold a C2SP signer key`);
  }, 30_000);
});
