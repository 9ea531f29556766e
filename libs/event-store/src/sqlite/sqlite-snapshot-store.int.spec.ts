import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteSnapshotStore, SNAPSHOT_FILE_NAME } from './sqlite-snapshot-store';

describe('SqliteSnapshotStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'snapshots-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const snapshot = (revision: number) => ({
    streamId: 'coe-1',
    revision,
    lastHash: 'a'.repeat(64),
    definition: 'coe-lifecycle',
    version: 1,
    body: `{"r":${revision}}`,
  });

  it('keeps the last snapshot per stream, also across a reopen, even when it is older', async () => {
    let store = await openSqliteSnapshotStore({ dataDir: dir });
    expect(await store.get('coe-1')).toBeUndefined();
    await store.put(snapshot(200));
    await store.put(snapshot(100));
    await store.close();
    store = await openSqliteSnapshotStore({ dataDir: dir });
    expect(await store.get('coe-1')).toEqual(snapshot(100));
    await store.clear();
    expect(await store.get('coe-1')).toBeUndefined();
    await store.close();
    await expect(store.get('coe-1')).rejects.toThrow(/closed/);
  });

  it('refuses a SQLite file of another application', async () => {
    const file = join(dir, SNAPSHOT_FILE_NAME);
    const other = new Database(file);
    other.pragma('application_id = 7');
    other.close();
    await expect(openSqliteSnapshotStore({ file })).rejects.toThrow(/another application/);
  });
});
