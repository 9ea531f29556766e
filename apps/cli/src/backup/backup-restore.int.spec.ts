import { runCli, type CliRun } from '../testing/run-cli';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScriptV2, recordActivity } from '@apo/coe/testing';
import { checkStoreAgainstCheckpoints, readLogLeaves, type CheckpointToHold, type LogLeaf } from '@apo/audit';
import { checkpointOf, LIFE_COE, OPEN_COE, openSteps, Tamper } from '@apo/audit/testing';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { byDay, exchangeScriptSteps, lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { generateNoteKeys } from '@apo/transparency-log';
import { openReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';

const ORIGIN = 'apo.example/transparency';
const keys = generateNoteKeys(ORIGIN);
const SECOND_COE = 'th-second';
const SECOND_EXCHANGE = 'bcn-2031-th-vn';
/** The second exchange's life: its first half before the backup, the rest after it. */
const secondExchange = exchangeScriptSteps(SECOND_EXCHANGE, bcnLifeScript);
const HALF = Math.floor(secondExchange.length / 2);

type Run = CliRun;

const coe = runCli;

async function withStore<T>(dir: string, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Every stream's events, by stream id. */
const streamsOf = (dir: string): Promise<Map<string, RecordedEvent[]>> =>
  withStore(dir, async (store) => {
    const streams = new Map<string, RecordedEvent[]>();
    for await (const event of store.readAll()) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
    return streams;
  });

const leavesOf = (dir: string): Promise<LogLeaf[]> =>
  withStore(dir, async (store) => {
    const leaves: LogLeaf[] = [];
    for await (const leaf of readLogLeaves(store)) leaves.push(leaf);
    return leaves;
  });

/** The embedded store's file name (the adapter is lazy-loaded by the CLI: tests import it the same way). */
const STORE_FILE_NAME = 'events.sqlite';
const openSqliteEventStore = async (options: { dataDir: string }) => (await import('@apo/event-store/sqlite')).openSqliteEventStore(options);

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('coe backup and coe restore (a real embedded store of COE and BCN instances)', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  let live: string;
  let backup: string;
  /** The log as it was backed up, and after more events were written. */
  let atBackup: Map<string, RecordedEvent[]>;
  let leavesAtBackup: LogLeaf[];
  let leavesAfter: LogLeaf[];
  let signedBefore: CheckpointToHold;
  let signedAfter: CheckpointToHold;

  beforeAll(async () => {
    live = tempDir('backup-live-');
    await withStore(live, (store) =>
      runSteps(
        store,
        byDay([
          ...lifeScriptSteps(LIFE_COE, coeLifeScriptV2),
          ...openSteps(),
          ...lifeScriptSteps(SECOND_COE, coeLifeScriptV2.slice(0, 12)),
          ...exchangeScriptSteps(BCN_LIFE_SCRIPT_ID, bcnLifeScript),
          ...secondExchange.slice(0, HALF),
        ]),
      ),
    );
    atBackup = await streamsOf(live);
    leavesAtBackup = await leavesOf(live);
    signedBefore = checkpointOf(leavesAtBackup, leavesAtBackup.length, keys, ORIGIN);

    backup = join(tempDir('backup-target-'), 'nightly');
    const made = await coe(['--data-dir', live, 'backup', '--to', backup, '--workers', '0']);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toContain('replay, hash chains and revisions of the copy: OK');

    // The service goes on after the backup: a COE activity and the rest of the second exchange.
    await withStore(live, (store) =>
      runSteps(store, [{ coe: OPEN_COE, on: '2029-03-01', role: 'assessor', command: recordActivity('2029-03-01') }, ...secondExchange.slice(HALF)]),
    );
    leavesAfter = await leavesOf(live);
    signedAfter = checkpointOf(leavesAfter, leavesAfter.length, keys, ORIGIN);
  }, 180_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the store holds several COEs and BCN exchanges, and events were written after the backup', () => {
    const ids = [...atBackup.keys()];
    expect(ids.filter((id) => id.startsWith('coe-')).length).toBeGreaterThanOrEqual(3);
    expect(ids.filter((id) => id.startsWith('bcn-')).length).toBe(2);
    expect(leavesAfter.length).toBeGreaterThan(leavesAtBackup.length + 1);
    expect(JSON.parse(readFileSync(join(backup, 'backup.json'), 'utf8'))).toMatchObject({
      format: 'apo-backup/1',
      events: leavesAtBackup.length,
      streams: atBackup.size,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('restores into a fresh data dir: audit verify passes, every stream equal, the checkpoint signed before the backup holds, later events named as truncated', async () => {
    const fresh = tempDir('backup-fresh-');
    const restored = await coe(['--data-dir', fresh, 'restore', '--from', backup, '--workers', '0']);
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain(`restored ${leavesAtBackup.length} events in ${atBackup.size} streams`);
    expect(restored.stdout).toContain('there was no store before');

    const verified = await coe(['--data-dir', fresh, 'audit', 'verify', '--workers', '0']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('replay, hash chains and revisions: OK');

    expect(await streamsOf(fresh)).toEqual(atBackup);

    await withStore(fresh, async (store) => {
      const before = await checkStoreAgainstCheckpoints(store, { checkpoints: [signedBefore] });
      expect(before.findings).toEqual([]);
      expect(before.held).toEqual([{ source: 'own', size: leavesAtBackup.length }]);

      // What restoring an older backup means: what was acknowledged after it is gone, and the self-check says so.
      const after = await checkStoreAgainstCheckpoints(store, { checkpoints: [signedBefore, signedAfter], storedLeaves: async (n) => leavesAfter.slice(0, n) });
      const firstLost = leavesAfter[leavesAtBackup.length];
      expect(after.findings).toEqual([
        expect.objectContaining({
          kind: 'truncated',
          logSize: leavesAtBackup.length,
          missing: leavesAfter.length - leavesAtBackup.length,
          from: expect.objectContaining({ leafIndex: firstLost.leafIndex, position: String(firstLost.position), streamId: firstLost.streamId }),
        }),
      ]);
    });
  }, 120_000);

  it('restores over an existing store: the old one is kept aside, never overwritten; the read models, ahead of the backup, are rebuilt from it', async () => {
    const target = tempDir('backup-over-');
    cpSync(join(live, STORE_FILE_NAME), join(target, STORE_FILE_NAME));
    expect((await coe(['--data-dir', target, 'projections', 'rebuild'])).code).toBe(0);
    const treeSize = async () => {
      const readStore = await openReadStore({ url: join(target, 'read.sqlite') });
      try {
        return await new TransparencyLogReader(readStore.db).treeSize();
      } finally {
        await readStore.close();
      }
    };
    expect(await treeSize()).toBeGreaterThan(leavesAtBackup.length);
    const before = sha256(join(target, STORE_FILE_NAME));
    const restored = await coe(['--data-dir', target, 'restore', '--from', backup, '--workers', '0', '--json']);
    expect(restored.code).toBe(0);
    expect(await treeSize()).toBe(leavesAtBackup.length);
    const summary = JSON.parse(restored.stdout) as { keptAside: string; events: number; readModelsRebuilt: boolean };
    expect(summary.readModelsRebuilt).toBe(true);
    expect(summary.events).toBe(leavesAtBackup.length);
    expect(summary.keptAside).toMatch(/events\.sqlite\.before-restore-/);
    expect(sha256(summary.keptAside)).toBe(before);
    expect(await leavesOf(target)).toEqual(leavesAtBackup);
    expect(readdirSync(target).filter((f) => f.includes('restoring'))).toEqual([]);
  }, 120_000);

  /** A copy of the backup directory damaged by `damage`, restored over a copy of the live store; the live copy must come out untouched. */
  const restoreDamaged = async (damage: (dir: string) => void): Promise<Run> => {
    const bad = join(tempDir('backup-bad-'), 'copy');
    cpSync(backup, bad, { recursive: true });
    damage(bad);
    const target = tempDir('backup-kept-');
    cpSync(join(live, STORE_FILE_NAME), join(target, STORE_FILE_NAME));
    const before = sha256(join(target, STORE_FILE_NAME));
    const run = await coe(['--data-dir', target, 'restore', '--from', bad, '--workers', '0']);
    expect(readdirSync(target)).toEqual([STORE_FILE_NAME]);
    expect(sha256(join(target, STORE_FILE_NAME))).toBe(before);
    return run;
  };

  it('refuses a backup file that is not a database, with a clear message; the existing store is untouched', async () => {
    const run = await restoreDamaged((dir) => {
      const file = join(dir, STORE_FILE_NAME);
      const bytes = readFileSync(file);
      bytes.fill(0x5a, 0, 100); // the header: no longer "SQLite format 3"
      writeFileSync(file, bytes);
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^coe: backup .*events\.sqlite is not a valid event store or is damaged \(SQLITE_NOTADB\); nothing was changed\n$/);
  }, 60_000);

  it('refuses a backup whose events were edited (hash chain broken), naming the event', async () => {
    const run = await restoreDamaged((dir) => {
      const t = new Tamper(dir);
      t.edit(`coe-${LIFE_COE}`, 5, 'data', '$.recommendation', 'advance');
      t.close();
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/coe-th-digital @5 hash: expected/);
    expect(run.stderr).toContain('does not verify; nothing was changed');
  }, 60_000);

  it('refuses a backup that lost its last events (chains still whole) by its manifest digest', async () => {
    const last = leavesAtBackup[leavesAtBackup.length - 1];
    const run = await restoreDamaged((dir) => {
      const t = new Tamper(dir);
      t.delete(last.streamId, last.revision);
      t.close();
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`is not the copy its manifest describes (${leavesAtBackup.length} events`);
  }, 60_000);

  it('backup refuses a store held by a running process, and a non-empty target; restore refuses a missing backup', async () => {
    const held = await openSqliteEventStore({ dataDir: live });
    try {
      const busy = await coe(['--data-dir', live, 'backup', '--to', join(tempDir('backup-busy-'), 'b')]);
      expect(busy.code).toBe(3);
      expect(busy.stderr).toContain('is in use by another process (a running API, or another coe command, holds it): stop it first');
    } finally {
      await held.close();
    }
    const occupied = tempDir('backup-occupied-');
    mkdirSync(join(occupied, 'x'));
    expect(await coe(['--data-dir', live, 'backup', '--to', occupied])).toMatchObject({ code: 2, stderr: expect.stringContaining('is not empty') });
    const missing = await coe(['--data-dir', live, 'restore', '--from', join(occupied, 'x')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no backup in') });
    expect(existsSync(join(live, STORE_FILE_NAME))).toBe(true);
    const esdb = await coe(['--eventstore', 'esdb://localhost:2113', 'restore', '--from', backup]);
    expect(esdb).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("copies the embedded SQLite store only; back up EventStoreDB with the vendor's procedure"),
    });
  }, 60_000);
});
