import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Erasure, ErasureRecord, PersonalKeyStore, SubjectKeyState } from './key-store';
import { PersonalDataError } from './personal-data-error';
import { generatePersonalKey, PERSONAL_KEY_BYTES } from './seal';
import { checkErasure, checkSubject } from './subject-id';

export const KEY_STORE_FILE_NAME = 'personal-keys.sqlite';
/** `PRAGMA application_id` of a key store file ('APOK'). */
export const KEY_STORE_APPLICATION_ID = 0x41504f4b;
const SCHEMA_VERSION = 1;

export interface OpenSqliteKeyStoreOptions {
  /** Directory holding the store (created if missing, mode 0700); the file is `personal-keys.sqlite` inside it. */
  readonly dataDir?: string;
  /** Or the exact file. */
  readonly file?: string;
  /** Clock for created/erased times (tests). */
  readonly now?: () => Date;
}

interface Row {
  subject: string;
  key: Buffer | null;
  created_at: string | null;
  erased_at: string | null;
  erased_by: string | null;
  erase_reason: string | null;
}

const erasureOf = (row: Row): ErasureRecord | undefined =>
  row.erased_at === null ? undefined : { subject: row.subject, erasedAt: row.erased_at, by: row.erased_by ?? '', reason: row.erase_reason ?? '' };

/**
 * The embedded key store: one SQLite file of its own. Rollback journal (journal_mode=DELETE,
 * never exclusive locking, which would keep the journal's old pages), synchronous=FULL, and
 * secure_delete=ON, so an erase overwrites the key's bytes in the file and its journal is
 * deleted at commit. The file (and its journal, which SQLite gives the file's mode) is 0600.
 */
export class SqliteKeyStore implements PersonalKeyStore {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly now: () => Date,
  ) {}

  static open(options: OpenSqliteKeyStoreOptions): SqliteKeyStore {
    if ((options.dataDir === undefined) === (options.file === undefined)) {
      throw new TypeError('SqliteKeyStore.open: pass exactly one of dataDir or file');
    }
    const file = options.file ?? join(options.dataDir as string, KEY_STORE_FILE_NAME);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
    chmodSync(file, 0o600);
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.pragma('busy_timeout = 250');
    } catch (cause) {
      throw new PersonalDataError('KEY_STORE', `key store ${file} cannot be opened: ${(cause as Error).message}`, { cause });
    }
    try {
      SqliteKeyStore.migrate(db, file);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteKeyStore(db, file, options.now ?? (() => new Date()));
  }

  private static migrate(db: Database.Database, file: string): void {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId === 0 && version === 0) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
      if (tables.n !== 0) throw new PersonalDataError('KEY_STORE', `${file} is not a personal-data key store`);
      db.transaction(() => {
        db.exec(`CREATE TABLE subject_keys (
          subject TEXT PRIMARY KEY NOT NULL,
          key BLOB CHECK (key IS NULL OR length(key) = ${PERSONAL_KEY_BYTES}),
          created_at TEXT,
          erased_at TEXT,
          erased_by TEXT,
          erase_reason TEXT,
          CHECK ((key IS NULL) = (erased_at IS NOT NULL))
        ) STRICT`);
        db.pragma(`application_id = ${KEY_STORE_APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
      return;
    }
    if (appId !== KEY_STORE_APPLICATION_ID) throw new PersonalDataError('KEY_STORE', `${file} is not a personal-data key store`);
    if (version !== SCHEMA_VERSION) throw new PersonalDataError('KEY_STORE', `${file}: key store schema ${version} is not the supported ${SCHEMA_VERSION}`);
  }

  private row(subject: string): Row | undefined {
    return this.db.prepare('SELECT * FROM subject_keys WHERE subject = ?').get(subject) as Row | undefined;
  }

  async getKey(subject: string): Promise<Uint8Array | undefined> {
    checkSubject(subject);
    return this.row(subject)?.key ?? undefined;
  }

  async createKey(subject: string): Promise<Uint8Array> {
    return (await this.createKeys([subject])).get(subject) as Uint8Array;
  }

  async createKeys(subjects: readonly string[]): Promise<Map<string, Uint8Array>> {
    subjects.forEach(checkSubject);
    return this.db
      .transaction(() => {
        const keys = new Map<string, Uint8Array>();
        for (const subject of new Set(subjects)) {
          const row = this.row(subject);
          if (row?.key) {
            keys.set(subject, row.key);
            continue;
          }
          if (row !== undefined) throw new PersonalDataError('SUBJECT_ERASED', `subject ${subject}: its key was erased; a new one is never made`);
          const key = generatePersonalKey();
          this.db.prepare('INSERT INTO subject_keys (subject, key, created_at) VALUES (?, ?, ?)').run(subject, key, this.now().toISOString());
          keys.set(subject, key);
        }
        return keys;
      })
      .immediate();
  }

  async eraseKey(subject: string, erasure: Erasure): Promise<ErasureRecord> {
    checkSubject(subject);
    checkErasure(erasure);
    return this.db
      .transaction(() => {
        const row = this.row(subject);
        const done = row && erasureOf(row);
        if (done !== undefined) return done;
        const erasedAt = this.now().toISOString();
        if (row === undefined) {
          // Never keyed: the tombstone still stops a key being made later.
          this.db
            .prepare('INSERT INTO subject_keys (subject, key, erased_at, erased_by, erase_reason) VALUES (?, NULL, ?, ?, ?)')
            .run(subject, erasedAt, erasure.by, erasure.reason);
        } else {
          this.db
            .prepare('UPDATE subject_keys SET key = NULL, erased_at = ?, erased_by = ?, erase_reason = ? WHERE subject = ?')
            .run(erasedAt, erasure.by, erasure.reason, subject);
        }
        return { subject, erasedAt, by: erasure.by, reason: erasure.reason };
      })
      .immediate();
  }

  async isErased(subject: string): Promise<boolean> {
    checkSubject(subject);
    const row = this.row(subject);
    return row !== undefined && row.erased_at !== null;
  }

  async subjects(): Promise<SubjectKeyState[]> {
    const rows = this.db.prepare('SELECT * FROM subject_keys ORDER BY subject').all() as Row[];
    return rows.map((row) => {
      const erased = erasureOf(row);
      return { subject: row.subject, ...(row.created_at === null ? {} : { createdAt: row.created_at }), ...(erased === undefined ? {} : { erased }) };
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
