import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as f from '@apo/coe/testing';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { openReadStore } from '@apo/read-store';
import { checkpointOf } from '@apo/read-queries';
import { readModelNames } from '@apo/projections';
import { ConfigError, loadTransparencySigning } from '@apo/runtime';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { merkleHashToHex, openCheckpoint } from '@apo/transparency-log';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

const logPosition = (r: HttpAnswer) => BigInt(r.headers.get('x-log-position') as string);
const latest = (answers: readonly HttpAnswer[]) => answers.map(logPosition).reduce((a, b) => (a > b ? a : b));
const ids = (list: HttpAnswer) => (list.body.items as { id: string }[]).map((i) => i.id).sort();
const until = async (done: () => Promise<boolean> | boolean, ms = 15_000) => {
  for (const end = Date.now() + ms; !(await done()); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** PROJECTOR=worker, the default: the runner in a worker thread reading the log through the API's store. */
describe('read models kept by the projection worker', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  it('shows every one of many concurrent commands to a read with the last X-Log-Position', async () => {
    // Each run's COEs are new: fast-check may draw the same seed twice (and does, when shrinking).
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.nat(), async (count, seed) => {
        run++;
        const coes = Array.from({ length: count }, (_, i) => `w-${run}-${seed}-${i}`);
        const answers = await Promise.all(coes.map((id) => h.command(id, 'SubmitApplication', f.submitApplication({ memberEconomy: 'TH' }).data, 'assessor')));
        expect(answers.map((a) => a.status)).toEqual(coes.map(() => 201));
        const list = await h.request('GET', `/coes?limit=1000&phase=applied`, { role: 'reporter', headers: { 'X-Min-Position': String(latest(answers)) } });
        expect(ids(list)).toEqual(expect.arrayContaining(coes));
      }),
      { numRuns: 5 },
    );
  });

  it('restarts a worker that died, /health degraded meanwhile, and catches up', async () => {
    const worker = h.api.readModels.worker;
    expect(worker).toBeDefined();
    await worker?.crashWorker();
    const down = await h.request('GET', '/health');
    expect(down.body).toMatchObject({ status: 'degraded', readModels: { mode: 'worker', status: 'failed', degraded: true, runner: 'failed' } });
    expect((down.body.readModels as { error: string }).error).toMatch(/projection worker exited/);
    // Commands go on meanwhile; the restarted worker applies them.
    const answer = await h.command('w-after-crash', 'SubmitApplication', f.submitApplication().data, 'assessor');
    expect(answer.status).toBe(201);
    await until(() => h.api.readModels.runnerState === 'running');
    const list = await h.request('GET', '/coes?phase=applied&limit=1000', { role: 'reporter', headers: { 'X-Min-Position': String(logPosition(answer)) } });
    expect(ids(list)).toContain('w-after-crash');
    expect((await h.request('GET', '/health')).body).toMatchObject({ status: 'ok', readModels: { status: 'up', runner: 'running', lagEvents: 0 } });
  });
});

describe('the projection worker at shutdown', () => {
  it('stops with every projection at the head of the log, lease released', async () => {
    const h = await new ApiHarness().start();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.command(`stop-${i}`, 'SubmitApplication', f.submitApplication().data, 'assessor')),
    );
    const dir = await h.halt();
    try {
      expect(h.api.readModels.runnerState).toBe('stopped');
      const store = await openSqliteEventStore({ dataDir: dir });
      const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
      try {
        const head = await store.headPosition();
        expect(head).toBe(latest(answers));
        expect(BigInt(await checkpointOf(readStore.db, readModelNames()))).toBe(head);
        const lease = await readStore.tryAcquireLease();
        expect(lease).toBeDefined();
        await lease?.release();
      } finally {
        await Promise.all([store.close(), readStore.close()]);
      }
    } finally {
      await h.stop();
    }
  });
});

describe('transparency checkpoints signed by the projection worker', () => {
  it('signs every CHECKPOINT_EVERY_EVENTS events and, idle, after CHECKPOINT_EVERY_SECONDS; each opens with the key file verifier key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-transparency-'));
    const h = await new ApiHarness().start({ CHECKPOINT_EVERY_EVENTS: '3', CHECKPOINT_EVERY_SECONDS: '1', TRANSPARENCY_ORIGIN: 'e2e.example.org/log' }, dir);
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      const reader = new TransparencyLogReader(readStore.db);
      for (let i = 0; i < 4; i++) expect((await h.command(`tl-${i}`, 'SubmitApplication', f.submitApplication().data, 'assessor')).status).toBe(201);
      const head = Number((await h.api.readModels.health()).headPosition);
      expect(head).toBeGreaterThanOrEqual(4);
      // Every 3 events in the batch, then the rest by the one-second timer.
      await until(async () => (await reader.latestCheckpoint())?.treeSize === head);
      const signing = loadTransparencySigning({ DATA_DIR: dir, CHECKPOINT_EVERY_EVENTS: 3, CHECKPOINT_EVERY_SECONDS: 1 });
      expect(signing.created).toBe(false);
      for (const checkpoint of await reader.checkpoints()) {
        expect(checkpoint.verifierKey).toBe(signing.verifierKey);
        const opened = openCheckpoint(checkpoint.note, [signing.verifierKey], 'e2e.example.org/log').checkpoint;
        expect(merkleHashToHex(opened.rootHash)).toBe(merkleHashToHex(await reader.rootAt(checkpoint.treeSize)));
      }
    } finally {
      await readStore.close();
      await h.stop();
    }
  }, 60_000);

  it('a transparency key file others may read stops the start with a ConfigError naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-transparency-'));
    try {
      const keyFile = join(dir, 'open.key');
      writeFileSync(keyFile, 'PRIVATE+KEY+x+00000000+AQ==\n');
      chmodSync(keyFile, 0o644);
      await expect(new ApiHarness().start({ TRANSPARENCY_KEY_FILE: keyFile }, dir)).rejects.toThrow(
        new ConfigError(
          `invalid configuration:\n  TRANSPARENCY_KEY_FILE ${keyFile}: group or others may access it (mode 0644); a signer key must be readable by its owner only (chmod 600)`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
