import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { readModelProjections } from '../read-model-catalogue';
import { coeV1Registry, generateExchanges, generatePortfolio, seededRandom, readModelRows, byDay, runSteps } from '../testing';
import { ProjectionRunner } from './projection-runner';

const REPO = resolve(__dirname, '../../../..');
const CHILD = resolve(__dirname, '../testing/run-projector.ts');
const BATCH = 23;
/** The first run rebuilds from zero in memory: writing every few batches, kills land before and after writes. */
const WRITE_EVERY = 4 * BATCH;

/**
 * Starts the projector in a child process and SIGKILLs it after `killAfter` committed batches
 * (so mid-way through a later one: the kill lands wherever the child is), or lets it finish.
 */
function runProjector(dataDir: string, url: string, killAfter?: number): Promise<{ batches: number; caughtUp: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), CHILD, dataDir, url, String(BATCH), String(WRITE_EVERY)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let batches = 0;
    let caughtUp = false;
    let stderr = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('batch ')) batches++;
        if (line === 'caught-up') caughtUp = true;
        if (killAfter !== undefined && batches >= killAfter) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) done({ batches, caughtUp });
      else fail(new Error(`projector exited with ${code}: ${stderr}`));
    });
  });
}

describe('a projector killed with SIGKILL mid-batch, again and again', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projections-crash-'));
    const store = await openSqliteEventStore({ dataDir: join(dir, 'events'), synchronous: 'NORMAL' });
    await runSteps(store, byDay([...generatePortfolio({ count: 120, seed: 11 }), ...generateExchanges({ count: 60, seed: 12 })]), coeV1Registry());
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends with read models equal to a from-zero rebuild, row for row', async () => {
    const url = `sqlite:${join(dir, 'crashed.sqlite')}`;
    const random = seededRandom(3);
    let killed = 0;
    for (let round = 0; round < 10; round++) {
      const result = await runProjector(join(dir, 'events'), url, 1 + Math.floor(random() * 8));
      if (!result.caughtUp) killed++;
    }
    const last = await runProjector(join(dir, 'events'), url);
    expect(last.caughtUp).toBe(true);
    // Most rounds die before catching up (each makes a few batches of progress first).
    expect(killed).toBeGreaterThanOrEqual(8);

    const store = await openSqliteEventStore({ dataDir: join(dir, 'events') });
    const crashed = await openReadStore({ url });
    const fresh = await openReadStore({ url: `sqlite:${join(dir, 'fresh.sqlite')}` });
    const runner = new ProjectionRunner({ store, readStore: fresh, projections: readModelProjections({ registry: createRegistry(), store }) });
    try {
      await runner.start();
      await runner.catchUp();
      const rows = await readModelRows(fresh);
      expect(await readModelRows(crashed)).toEqual(rows);
      // Every programme's read models were in play (the COE and the BCN tables).
      expect([rows.coe_overview.length, rows.bcn_exchanges.length, rows.bcn_follow_ups.length > 0]).toEqual([120, 60, true]);
    } finally {
      await runner.stop();
      await crashed.close();
      await fresh.close();
      await store.close();
    }
  }, 180_000);
});
