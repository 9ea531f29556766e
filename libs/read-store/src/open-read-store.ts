import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PoolConfig } from 'pg';
import { trySqliteLease, tryPostgresLease, type Lease } from './lease';
import { migrate } from './migrate';
import { ReadStoreError } from './read-store-error';
import { waitForPostgres } from './wait-for-postgres';
import { parseReadStoreUrl, type ReadStoreTarget } from './read-store-url';
import type { ReadDatabase } from './tables';

export type ReadStoreDialect = 'sqlite' | 'postgres';

export interface OpenReadStoreOptions {
  /** `postgres://...` (optionally `?schema=name`), `sqlite:<path>`, a plain file path, or `:memory:`. */
  readonly url: string;
  /** PostgreSQL schema (created if missing) used as search_path; overrides `?schema=`. */
  readonly schema?: string;
  /** PostgreSQL pool size (default 4). */
  readonly poolSize?: number;
  /**
   * PostgreSQL: how long to keep retrying (with backoff) a server that does not answer yet, in ms;
   * 0 (default): one attempt. A start beside a database still starting up (compose) waits.
   */
  readonly connectTimeoutMs?: number;
}

/** A migrated read database. One Kysely handle, one set of queries, whichever dialect. */
export interface ReadStore {
  readonly dialect: ReadStoreDialect;
  readonly db: Kysely<ReadDatabase>;
  /** Where it lives, without any password (for logs and status). */
  readonly location: string;
  /** Takes the runner lease if free; undefined when another runner holds it. Never waits. */
  tryAcquireLease(): Promise<Lease | undefined>;
  close(): Promise<void>;
}

/** Opens (creating and migrating) a read store; throws `ReadStoreError` with a stable code. */
export async function openReadStore(options: OpenReadStoreOptions): Promise<ReadStore> {
  const target = parseReadStoreUrl(options.url, options.schema);
  return target.dialect === 'sqlite' ? openSqlite(target.file) : openPostgres(target, options.poolSize ?? 4, options.connectTimeoutMs ?? 0);
}

async function openSqlite(file: string): Promise<ReadStore> {
  const memory = file === ':memory:';
  let database: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(file), { recursive: true });
    // Waits for a writer in another process instead of failing at once.
    database = new Database(file, { timeout: 5_000 });
  } catch (error) {
    throw new ReadStoreError('READ_STORE_UNREACHABLE', `cannot open read store ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  try {
    // WAL: reporting readers never block the runner. NORMAL is enough: a power cut may lose the
    // last batches, never split a batch from its checkpoint, and the runner simply re-applies them.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // 8 MiB of page cache: 32 MiB rebuilt no faster and cost the API ~25 MB of RSS.
    database.pragma('cache_size = -8192');
  } catch (error) {
    database.close();
    throw mapSqliteOpenError(error, file);
  }
  const db = new Kysely<ReadDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  await migrateOrClose(db, 'sqlite', file);
  return {
    dialect: 'sqlite',
    db,
    location: file,
    tryAcquireLease: async () => (memory ? { lost: false, release: async () => undefined } : trySqliteLease(file)),
    close: closeOnce(() => db.destroy()),
  };
}

async function openPostgres(target: Extract<ReadStoreTarget, { dialect: 'postgres' }>, poolSize: number, connectTimeoutMs: number): Promise<ReadStore> {
  const config: PoolConfig = {
    connectionString: target.connectionString,
    connectionTimeoutMillis: 5_000,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  };
  if (connectTimeoutMs > 0) await waitForPostgres(config, target.redacted, connectTimeoutMs);
  // Loaded only for PostgreSQL: the driver costs each thread that loads it a few MB (the API and its projection worker).
  const { Pool } = await import('pg');
  if (target.schema) await createSchema(config, target);
  const pool = new Pool({ ...config, max: poolSize });
  // An idle client that loses its server emits here; the next query reports the failure.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unreachable(target.redacted, error);
  }
  const db = new Kysely<ReadDatabase>({ dialect: new PostgresDialect({ pool }) });
  await migrateOrClose(db, 'postgres', target.redacted);
  return {
    dialect: 'postgres',
    db,
    location: target.schema ? `${target.redacted} (schema ${target.schema})` : target.redacted,
    tryAcquireLease: () => tryPostgresLease(config),
    close: closeOnce(() => db.destroy()),
  };
}

async function createSchema(config: PoolConfig, target: Extract<ReadStoreTarget, { dialect: 'postgres' }>): Promise<void> {
  const { Pool } = await import('pg');
  const pool = new Pool({ ...config, max: 1 });
  pool.on('error', () => undefined);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser's error is harmless.
    if ((error as { code?: string }).code !== '23505') throw unreachable(target.redacted, error);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

async function migrateOrClose(db: Kysely<ReadDatabase>, dialect: ReadStoreDialect, location: string): Promise<void> {
  try {
    await migrate(db, dialect, location);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (error instanceof ReadStoreError) throw error;
    throw dialect === 'sqlite' ? mapSqliteOpenError(error, location) : unreachable(location, error);
  }
}

const unreachable = (location: string, error: unknown) =>
  new ReadStoreError(
    'READ_STORE_UNREACHABLE',
    `read store ${location} is not reachable: ${(error as Error).message || String(error)}`,
    { location },
    { cause: error },
  );

function mapSqliteOpenError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
    return new ReadStoreError('READ_STORE_CORRUPT', `read store ${file} is not a valid SQLite database (${code})`, { file }, { cause: error });
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new ReadStoreError('READ_STORE_UNREACHABLE', `cannot use read store ${file} (${code}): ${(error as Error).message}`, { file }, { cause: error });
  }
  return error;
}

const closeOnce = (close: () => Promise<void>) => {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
};

/**
 * Kysely prepares every query afresh; a batch's multi-row inserts repeat the same SQL, so a small
 * cache of prepared statements saves SQLite re-parsing kilobytes of SQL on every batch.
 */
function withStatementCache(database: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare: (query: string) => {
      let statement = cache.get(query);
      if (statement === undefined) {
        statement = database.prepare(query);
        if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
        cache.set(query, statement);
      }
      return statement;
    },
  };
}
