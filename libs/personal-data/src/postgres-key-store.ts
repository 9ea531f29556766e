import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Erasure, ErasureRecord, PersonalKeyStore, SubjectKeyState } from './key-store';
import { PersonalDataError } from './personal-data-error';
import { generatePersonalKey, PERSONAL_KEY_BYTES } from './seal';
import { checkErasure, checkSubject } from './subject-id';

export const KEY_STORE_TABLE = 'personal_data_keys';
/** The table's comment: marks it as a key store and names its schema version. */
const TABLE_MARK = 'apo personal-data key store';
const SCHEMA_VERSION = 1;
/** Serialises the table's creation between processes (pg_advisory_xact_lock; any constant, ours is 'APOK'). */
const CREATE_LOCK = 0x41504f4b;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** How an erase reclaims the key's old row version: see the class comment. */
export type EraseVacuum = 'plain' | 'full';

export interface OpenPostgresKeyStoreOptions {
  /** `postgres://user@host:5432/db`. The store opens (and closes) its own pool. */
  readonly url?: string;
  /** Or a pool of the caller's (its search_path decides the schema; give it an 'error' listener); close() leaves it open. */
  readonly pool?: Pool;
  /** With `url`: the schema holding the table, created if missing (the connection's search_path). */
  readonly schema?: string;
  /** After an erase: `VACUUM FULL` (default: the table is rewritten without the key's bytes) or plain `VACUUM`. */
  readonly eraseVacuum?: EraseVacuum;
  /** How long that VACUUM waits for its lock before failing (the erase stays committed), in ms; default 5000. */
  readonly vacuumLockTimeoutMs?: number;
  /** Clock for created/erased times (tests). */
  readonly now?: () => Date;
}

interface Row {
  subject: string;
  key: Buffer | null;
  created_at: Date | null;
  erased_at: Date | null;
  erased_by: string | null;
  erase_reason: string | null;
}

const erasureOf = (row: Row): ErasureRecord | undefined =>
  row.erased_at === null ? undefined : { subject: row.subject, erasedAt: row.erased_at.toISOString(), by: row.erased_by ?? '', reason: row.erase_reason ?? '' };

/** The URL without its password, for messages. */
const redact = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');

/** A driver error in words: a refused connection is an AggregateError with an empty message. */
const describe = (error: unknown): string => {
  const e = error as { message?: string; code?: string; errors?: unknown[] };
  if (e?.message) return e.message;
  const first = e?.errors?.[0] as { message?: string } | undefined;
  return first?.message || e?.code || String(error);
};

/**
 * The key store in PostgreSQL: one table, `personal_data_keys`, created by the store itself and
 * never by the read-store migrations (a read-model rebuild never touches it). Give it a database
 * or schema backed up apart from the log, readable only by the application's role.
 *
 * An erase sets the key to NULL and records the tombstone in one statement; the key's bytes then
 * live on in the row's old version (a dead tuple) until VACUUM, which the store runs after each
 * erase (and each repeated erase, so retrying mends a failed one):
 * - `VACUUM` (default) removes the dead tuple and compacts its page, but PostgreSQL does not
 *   zero the freed space: the bytes can stay in the page's free space (in memory and in the
 *   data file) until a later row overwrites them.
 * - `VACUUM FULL` writes the table afresh, without the bytes, and deletes the old file (its
 *   blocks are not overwritten on the disk). It locks the table exclusively while it runs:
 *   every key read waits, for a time that grows with the number of subjects, and it waits for
 *   any open transaction that read the table (a pg_dump holds its lock to the end).
 * Neither removes a version an open transaction may still see (a long transaction, a replication
 * slot's xmin): autovacuum removes it later. Only the table's owner (the role that opened the
 * store first) may vacuum it; another role's VACUUM is skipped with a mere warning. The VACUUM
 * gives up after `vacuumLockTimeoutMs` (5 s) waiting for its lock: eraseKey then throws KEY_STORE, the erase itself
 * committed, and erasing again retries the VACUUM.
 * Either way the key stays, until they roll over, in WAL segments (the insert and full-page
 * images; archived WAL for as long as it is kept), on streaming replicas until they replay the
 * VACUUM, and in base backups and dumps taken before the erase.
 */
export class PostgresKeyStore implements PersonalKeyStore {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
    /** Where it lives, without any password (for messages). */
    readonly location: string,
    private readonly eraseVacuum: EraseVacuum,
    private readonly vacuumLockTimeoutMs: number,
    private readonly now: () => Date,
  ) {}

  /** Opens the store, creating its table if missing; throws PersonalDataError KEY_STORE when it cannot. */
  static async open(options: OpenPostgresKeyStoreOptions): Promise<PostgresKeyStore> {
    if ((options.url === undefined) === (options.pool === undefined)) throw new TypeError('PostgresKeyStore.open: pass exactly one of url or pool');
    const lockTimeout = options.vacuumLockTimeoutMs;
    if (lockTimeout !== undefined && !(Number.isSafeInteger(lockTimeout) && lockTimeout > 0)) {
      throw new TypeError('PostgresKeyStore.open: vacuumLockTimeoutMs is a positive integer');
    }
    if (options.schema !== undefined && (options.url === undefined || !SCHEMA_NAME.test(options.schema))) {
      throw new TypeError('PostgresKeyStore.open: schema is a plain SQL identifier, with url only');
    }
    const location = options.url === undefined ? 'PostgreSQL (given pool)' : redact(options.url) + (options.schema ? ` (schema ${options.schema})` : '');
    const pool = options.pool ?? (await PostgresKeyStore.newPool(options.url as string, options.schema));
    try {
      if (options.schema !== undefined) await PostgresKeyStore.createSchema(pool, options.schema);
      await PostgresKeyStore.createTable(pool, location);
    } catch (error) {
      if (options.pool === undefined) await pool.end().catch(() => undefined);
      throw error instanceof PersonalDataError
        ? error
        : new PersonalDataError('KEY_STORE', `key store ${location} cannot be opened: ${describe(error)}`, { cause: error });
    }
    return new PostgresKeyStore(
      pool,
      options.pool === undefined,
      location,
      options.eraseVacuum ?? 'full',
      options.vacuumLockTimeoutMs ?? 5_000,
      options.now ?? (() => new Date()),
    );
  }

  private static async newPool(url: string, schema: string | undefined): Promise<Pool> {
    // Loaded only when used: the SQLite adapter's users never pay for the driver.
    const { Pool } = await import('pg');
    const config: PoolConfig = { connectionString: url, connectionTimeoutMillis: 5_000, max: 4, ...(schema ? { options: `-c search_path=${schema}` } : {}) };
    const pool = new Pool(config);
    // An idle client that loses its server emits here; the next query reports the failure.
    pool.on('error', () => undefined);
    return pool;
  }

  private static async createSchema(pool: Pool, schema: string): Promise<void> {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser's error is harmless.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }

  /** Creates the table under an advisory lock (two opens at once would race CREATE TABLE IF NOT EXISTS), then checks it is ours. */
  private static async createTable(pool: Pool, location: string): Promise<void> {
    await PostgresKeyStore.inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
      const found = await client.query<{ exists: boolean; mark: string | null }>(
        `SELECT to_regclass($1) IS NOT NULL AS exists, obj_description(to_regclass($1), 'pg_class') AS mark`,
        [KEY_STORE_TABLE],
      );
      if (!found.rows[0].exists) {
        await client.query(`CREATE TABLE ${KEY_STORE_TABLE} (
          subject text PRIMARY KEY CHECK (subject <> ''),
          key bytea CHECK (key IS NULL OR octet_length(key) = ${PERSONAL_KEY_BYTES}),
          created_at timestamptz,
          erased_at timestamptz,
          erased_by text,
          erase_reason text,
          CHECK ((key IS NULL) = (erased_at IS NOT NULL))
        )`);
        await client.query(`COMMENT ON TABLE ${KEY_STORE_TABLE} IS '${TABLE_MARK}, schema ${SCHEMA_VERSION}'`);
        return;
      }
      const mark = found.rows[0].mark ?? '';
      if (!mark.startsWith(`${TABLE_MARK}, schema `)) {
        throw new PersonalDataError('KEY_STORE', `${location}: table ${KEY_STORE_TABLE} is not a personal-data key store`);
      }
      const version = mark.slice(`${TABLE_MARK}, schema `.length);
      if (version !== String(SCHEMA_VERSION)) {
        throw new PersonalDataError('KEY_STORE', `${location}: key store schema ${version} is not the supported ${SCHEMA_VERSION}`);
      }
    });
  }

  private static async inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs a query, any driver failure becoming PersonalDataError KEY_STORE. */
  private async query(what: string, sql: string, values: unknown[]): Promise<Row[]> {
    this.checkOpen();
    try {
      return (await this.pool.query<Row>(sql, values)).rows;
    } catch (error) {
      throw new PersonalDataError('KEY_STORE', `key store ${this.location}: ${what} failed: ${describe(error)}`, { cause: error });
    }
  }

  private checkOpen(): void {
    if (this.closing !== undefined) throw new PersonalDataError('KEY_STORE', `key store ${this.location} is closed`);
  }

  private async row(subject: string): Promise<Row | undefined> {
    return (await this.query('reading a key', `SELECT * FROM ${KEY_STORE_TABLE} WHERE subject = $1`, [subject]))[0];
  }

  async getKey(subject: string): Promise<Uint8Array | undefined> {
    checkSubject(subject);
    return (await this.row(subject))?.key ?? undefined;
  }

  async createKey(subject: string): Promise<Uint8Array> {
    checkSubject(subject);
    let row = await this.row(subject);
    if (row === undefined) {
      // Two processes at once: one insert wins, the other does nothing and reads the winner's key.
      const inserted = await this.query(
        'making a key',
        `INSERT INTO ${KEY_STORE_TABLE} (subject, key, created_at) VALUES ($1, $2, $3) ON CONFLICT (subject) DO NOTHING RETURNING *`,
        [subject, generatePersonalKey(), this.now()],
      );
      row = inserted[0] ?? (await this.row(subject));
    }
    if (row === undefined) throw new PersonalDataError('KEY_STORE', `key store ${this.location}: the key of subject ${subject} vanished as it was made`);
    if (row.key) return row.key;
    throw new PersonalDataError('SUBJECT_ERASED', `subject ${subject}: its key was erased; a new one is never made`);
  }

  async createKeys(subjects: readonly string[]): Promise<Map<string, Uint8Array>> {
    subjects.forEach(checkSubject);
    const distinct = [...new Set(subjects)];
    // One statement (one commit) for every subject without a row; then every row, winners' keys included.
    await this.query(
      'making keys',
      `INSERT INTO ${KEY_STORE_TABLE} (subject, key, created_at) SELECT u.subject, u.key, $3 FROM unnest($1::text[], $2::bytea[]) AS u(subject, key) ON CONFLICT (subject) DO NOTHING`,
      [distinct, distinct.map(() => generatePersonalKey()), this.now()],
    );
    const rows = await this.query('reading keys', `SELECT * FROM ${KEY_STORE_TABLE} WHERE subject = ANY($1::text[])`, [distinct]);
    const keys = new Map<string, Uint8Array>();
    for (const row of rows) {
      if (!row.key) throw new PersonalDataError('SUBJECT_ERASED', `subject ${row.subject}: its key was erased; a new one is never made`);
      keys.set(row.subject, row.key);
    }
    for (const subject of distinct) {
      if (!keys.has(subject)) throw new PersonalDataError('KEY_STORE', `key store ${this.location}: the key of subject ${subject} vanished as it was made`);
    }
    return keys;
  }

  async eraseKey(subject: string, erasure: Erasure): Promise<ErasureRecord> {
    checkSubject(subject);
    checkErasure(erasure);
    // One statement, so one transaction: a subject never keyed gets a tombstone too (no key is made
    // for it later); an erased one is left as it is (no row returned) and answers its first record.
    const erased = await this.query(
      'erasing a key',
      `INSERT INTO ${KEY_STORE_TABLE} AS k (subject, key, erased_at, erased_by, erase_reason) VALUES ($1, NULL, $2, $3, $4)
       ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = EXCLUDED.erased_at, erased_by = EXCLUDED.erased_by, erase_reason = EXCLUDED.erase_reason
       WHERE k.erased_at IS NULL
       RETURNING *`,
      [subject, this.now(), erasure.by, erasure.reason],
    );
    const row = erased[0] ?? (await this.row(subject));
    const record = row && erasureOf(row);
    if (record === undefined) throw new PersonalDataError('KEY_STORE', `key store ${this.location}: subject ${subject} was not erased`);
    await this.vacuum();
    return record;
  }

  /** VACUUM (or VACUUM FULL) of the table, after the erase's commit: VACUUM cannot run in a transaction. */
  private async vacuum(): Promise<void> {
    this.checkOpen();
    const failed = (error: unknown) =>
      new PersonalDataError('KEY_STORE', `key store ${this.location}: the erase is committed but VACUUM failed (erase again to retry): ${describe(error)}`, {
        cause: error,
      });
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw failed(error);
    }
    try {
      // Gives up rather than queue every key read behind a lock it waits for (VACUUM FULL behind a pg_dump).
      await client.query(`SET lock_timeout = ${this.vacuumLockTimeoutMs}`);
      await client.query(`VACUUM ${this.eraseVacuum === 'full' ? '(FULL) ' : ''}${KEY_STORE_TABLE}`);
      await client.query('RESET lock_timeout');
      client.release();
    } catch (error) {
      // A connection left in an unknown state is closed, not returned to the pool.
      client.release(true);
      throw failed(error);
    }
  }

  async isErased(subject: string): Promise<boolean> {
    checkSubject(subject);
    const row = await this.row(subject);
    return row !== undefined && row.erased_at !== null;
  }

  async subjects(): Promise<SubjectKeyState[]> {
    // COLLATE "C": by code point, as the SQLite adapter orders, whatever the database's collation.
    const rows = await this.query('listing subjects', `SELECT * FROM ${KEY_STORE_TABLE} ORDER BY subject COLLATE "C"`, []);
    return rows.map((row) => {
      const erased = erasureOf(row);
      return {
        subject: row.subject,
        ...(row.created_at === null ? {} : { createdAt: row.created_at.toISOString() }),
        ...(erased === undefined ? {} : { erased }),
      };
    });
  }

  async close(): Promise<void> {
    this.closing ??= this.ownsPool ? this.pool.end().catch(() => undefined) : Promise.resolve();
    return this.closing;
  }
}
