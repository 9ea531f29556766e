import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * One stream's folded state at a revision, as `@apo/workflow`'s `SnapshotStore` port describes it
 * (declared here structurally: a data-access library does not import the application layer).
 */
export interface StoredStreamSnapshot {
  readonly streamId: string;
  readonly revision: number;
  readonly lastHash: string;
  readonly definition: string;
  readonly version: number;
  readonly body: string;
}

export interface OpenSqliteSnapshotStoreOptions {
  /** Directory holding the file `snapshots.sqlite` (created if missing), e.g. the event store's data dir. */
  readonly dataDir?: string;
  /** Or the exact database file. */
  readonly file?: string;
}

export const SNAPSHOT_FILE_NAME = 'snapshots.sqlite';

/** `PRAGMA application_id` marking a file as an APO snapshot cache ('APOS'). */
const SNAPSHOT_APPLICATION_ID = 0x41504f53;

/**
 * The snapshot cache for `WorkflowService` in its own SQLite file beside the event store (which
 * holds its own file exclusively). A cache: synchronous=NORMAL, since a snapshot lost to a power
 * cut is only a longer fold, and the service checks every snapshot against the log before use.
 * Normal locking with a busy timeout, so the API and a projector sharing a data dir may both use it.
 */
export class SqliteSnapshotStore {
  private readonly select: Database.Statement<
    [string],
    { stream_id: string; revision: number; last_hash: string; definition: string; version: number; body: string }
  >;
  private readonly upsert: Database.Statement<[string, number, string, string, number, string, string]>;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {
    this.select = db.prepare('SELECT stream_id, revision, last_hash, definition, version, body FROM snapshots WHERE stream_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO snapshots (stream_id, revision, last_hash, definition, version, body, written_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash, definition = excluded.definition,
         version = excluded.version, body = excluded.body, written_at = excluded.written_at`,
    );
  }

  async get(streamId: string): Promise<StoredStreamSnapshot | undefined> {
    this.assertOpen();
    const row = this.select.get(streamId);
    return (
      row && { streamId: row.stream_id, revision: row.revision, lastHash: row.last_hash, definition: row.definition, version: row.version, body: row.body }
    );
  }

  async put(snapshot: StoredStreamSnapshot): Promise<void> {
    this.assertOpen();
    this.upsert.run(snapshot.streamId, snapshot.revision, snapshot.lastHash, snapshot.definition, snapshot.version, snapshot.body, new Date().toISOString());
  }

  /** Drops every snapshot (they are rebuilt by the next folds). */
  async clear(): Promise<void> {
    this.assertOpen();
    this.db.exec('DELETE FROM snapshots');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`snapshot store ${this.file} is closed`);
  }
}

export const openSqliteSnapshotStore = async (options: OpenSqliteSnapshotStoreOptions): Promise<SqliteSnapshotStore> => {
  if ((options.dataDir === undefined) === (options.file === undefined)) throw new TypeError('openSqliteSnapshotStore: pass exactly one of dataDir or file');
  const file = options.file ?? join(options.dataDir as string, SNAPSHOT_FILE_NAME);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 1_000 });
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== 0 && applicationId !== SNAPSHOT_APPLICATION_ID)
      throw new Error(`${file} is a SQLite database of another application (application_id ${applicationId})`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS snapshots (
         stream_id  TEXT    PRIMARY KEY,
         revision   INTEGER NOT NULL,
         last_hash  TEXT    NOT NULL,
         definition TEXT    NOT NULL,
         version    INTEGER NOT NULL,
         body       TEXT    NOT NULL,
         written_at TEXT    NOT NULL
       ) STRICT`,
    );
    db.pragma(`application_id = ${SNAPSHOT_APPLICATION_ID}`);
    return new SqliteSnapshotStore(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
};
