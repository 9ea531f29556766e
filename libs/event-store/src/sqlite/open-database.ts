import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EventStoreError } from './event-store-error';
import { MIGRATIONS, APPLICATION_ID } from './schema';

export interface OpenSqliteEventStoreOptions {
  /** Directory holding the store (created if missing); the file is `events.sqlite` inside it. */
  readonly dataDir?: string;
  /** Or the exact database file (its directory is created if missing). */
  readonly file?: string;
  /**
   * FULL (default): an acknowledged append has been fsynced and survives a power cut.
   * NORMAL: faster; a power cut may lose the last acknowledged appends (never corrupts).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * Writers let start preparing an append in one turn of the event loop (`admit`); later ones
   * wait for a later turn, so one batch is synced while the next is prepared. Default 16;
   * `Infinity` for no cap; at least 1.
   */
  readonly writersPerTurn?: number;
}

export const STORE_FILE_NAME = 'events.sqlite';

/** How long opening waits for a lock held by a process that is just exiting. */
const OPEN_BUSY_TIMEOUT_MS = 250;

export const resolveStoreFile = (options: OpenSqliteEventStoreOptions): string => {
  if ((options.dataDir === undefined) === (options.file === undefined)) {
    throw new TypeError('openSqliteEventStore: pass exactly one of dataDir or file');
  }
  const file = options.file ?? join(options.dataDir as string, STORE_FILE_NAME);
  mkdirSync(dirname(file), { recursive: true });
  return file;
};

/** Turns a driver error into a typed store error where one applies; other errors pass through. */
export const mapSqliteError = (error: unknown, file: string): unknown => {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const cause = { cause: error };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new EventStoreError('STORE_LOCKED', `event store ${file} is in use by another process (or another open handle)`, { file }, cause);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new EventStoreError('STORE_CORRUPT', `event store ${file} is not a valid database or is damaged (${code})`, { file }, cause);
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new EventStoreError('STORE_IO', `event store ${file}: storage failure (${code}): ${(error as Error).message}`, { file }, cause);
  }
  return error;
};

/**
 * Opens (creating if needed) and migrates the database, holding it exclusively.
 *
 * One writer process owns a store. `locking_mode=EXCLUSIVE` set before WAL is entered keeps the
 * WAL index in process memory and makes SQLite hold the file lock for the connection's life, so
 * a second process (or a second handle in this one) fails with SQLITE_BUSY -> STORE_LOCKED
 * instead of writing beside us. The OS drops the lock when the owner dies, even on SIGKILL, so
 * there is no stale lock file to clean up.
 */
export const openDatabase = (file: string, synchronous: 'FULL' | 'NORMAL'): Database.Database => {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: OPEN_BUSY_TIMEOUT_MS });
    db.pragma('locking_mode = EXCLUSIVE');
    checkOwnership(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    // 8 MiB of page cache (2 MiB by default) keeps the indexes' inner pages hot for appends and
    // reads; 32 MiB measured no faster (store and rebuild benches) and cost the API ~25 MB of RSS.
    db.pragma('cache_size = -8192');
    // Checkpoint every ~16 MB of WAL instead of 4 MB: index pages rewritten by many commits are
    // copied back to the database once per checkpoint, and checkpoints (with their fsyncs) are
    // rarer. Crash recovery replays at most this much.
    db.pragma('wal_autocheckpoint = 4000');
    // Take (and from now on keep) the write lock at once, and migrate under it.
    db.transaction(() => migrate(db as Database.Database, file)).immediate();
    return db;
  } catch (error) {
    db?.close();
    throw mapSqliteError(error, file);
  }
};

const checkOwnership = (db: Database.Database, file: string): void => {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw new EventStoreError('STORE_CORRUPT', `${file} is a SQLite database of another application (application_id ${applicationId})`, { file });
  }
  if (applicationId === 0) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
    if (tables > 0 || version !== 0) {
      throw new EventStoreError('STORE_CORRUPT', `${file} is a SQLite database but not an event store`, { file });
    }
  }
  if (version > MIGRATIONS.length) {
    throw new EventStoreError(
      'STORE_SCHEMA_TOO_NEW',
      `${file} has schema version ${version}; this version understands up to ${MIGRATIONS.length}. Upgrade the application.`,
      { file, version, supported: MIGRATIONS.length },
    );
  }
};

const migrate = (db: Database.Database, file: string): void => {
  const version = db.pragma('user_version', { simple: true }) as number;
  checkOwnership(db, file); // again, now under the write lock
  for (let next = version; next < MIGRATIONS.length; next++) db.exec(MIGRATIONS[next]);
  if (version !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  db.pragma(`application_id = ${APPLICATION_ID}`);
};
