import type Database from 'better-sqlite3';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogCopy,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { backupDatabase } from './backup-database';
import { EventStoreError } from './event-store-error';
import { removeCopyFiles, SqliteLogCopy } from './log-copy';
import { GroupCommitWriter, type GroupCommitStats } from './group-commit';
import { mapSqliteError, openDatabase, resolveStoreFile, type OpenSqliteEventStoreOptions } from './open-database';
import { LogPager, prepareStatements, toRecorded, type Statements } from './rows';
import { uuidToBytes } from './schema';
import { WalSync } from './wal-sync';
import { SqliteSubscription } from './subscription';
import { TurnAdmission } from './turn-admission';
import { validateEvents, validateExpected, validateFilter, validatePosition, validateReadAll, validateReadStream, validateStreamId } from './validate';

const READ_ALL_PAGE = 512;
const READ_ALL_WINDOW = 8192;
/** Copies made by this process (`copyForReading`), for unique names. */
let copies = 0;

/** Opens the embedded store (see {@link OpenSqliteEventStoreOptions}); throws `EventStoreError` if it cannot. */
export const openSqliteEventStore = async (options: OpenSqliteEventStoreOptions): Promise<SqliteEventStore> => {
  const file = resolveStoreFile(options);
  const durability = options.synchronous ?? 'FULL';
  const db = openDatabase(file, durability);
  // FULL: opened and migrated with SQLite's own FULL syncs; from here on commits only write the
  // WAL and the group commit fsyncs it off the event loop before acknowledging (see WalSync).
  if (durability !== 'FULL') return new SqliteEventStore(db, file, undefined, options.writersPerTurn);
  db.pragma('synchronous = NORMAL');
  const walSync = new WalSync(`${file}-wal`);
  try {
    walSync.syncLeftovers();
  } catch (error) {
    db.close();
    throw new EventStoreError(
      'STORE_IO',
      `event store ${file}: cannot fsync its write-ahead log at open: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
  return new SqliteEventStore(db, file, walSync, options.writersPerTurn);
};

/**
 * The embedded event store: one SQLite file in WAL mode, owned by one process. Readers see the
 * log up to the last durable commit: `readAll`, subscriptions and `readStream` stop at the head
 * whose fsync has completed, so nothing is shown that a power cut could take back.
 */
export class SqliteEventStore implements EventStore {
  private readonly st: Statements;
  private readonly pager: LogPager;
  private readonly writer: GroupCommitWriter;
  private readonly admission: TurnAdmission;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly copies = new Set<Promise<unknown>>();
  private head: number;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly walSync?: WalSync,
    writersPerTurn?: number,
  ) {
    this.admission = new TurnAdmission(writersPerTurn);
    this.st = prepareStatements(db);
    this.pager = new LogPager(db);
    this.head = this.st.head.get() ?? 0;
    this.writer = new GroupCommitWriter(
      db,
      this.st,
      (head) => this.committed(head),
      (error) => mapSqliteError(error, file),
      walSync,
    );
  }

  /** Write counters: `transactions < appends` shows group commit at work. */
  get stats(): GroupCommitStats {
    return this.writer.stats;
  }

  /** The settings the file is really running with, read back from SQLite (for ops and tests). */
  diagnostics(): {
    synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
    walFsync: 'per-commit, off the event loop' | 'none';
    journalMode: string;
    lockingMode: string;
    schemaVersion: number;
  } {
    this.assertOpen();
    const sqlite = (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[this.db.pragma('synchronous', { simple: true }) as number];
    return {
      // The guarantee an acknowledged append has: SQLite's FULL, with the fsync done by WalSync.
      synchronous: this.walSync ? 'FULL' : sqlite,
      walFsync: this.walSync ? 'per-commit, off the event loop' : 'none',
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      lockingMode: this.db.pragma('locking_mode', { simple: true }) as string,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
    };
  }

  /** Paces writers to the group commit, `writersPerTurn` per turn of the event loop (see TurnAdmission). */
  admit(): Promise<void> | undefined {
    return this.admission.admit();
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateStreamId(streamId);
    const checkedExpected = validateExpected(expected);
    const ids = validateEvents(events);
    // Serialised here, once, so the batch transaction does nothing but SQL.
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    for (const event of events) {
      types.push(event.type);
      data.push(JSON.stringify(event.data));
      metadata.push(JSON.stringify(event.metadata));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.writer.enqueue({ streamId, expected: checkedExpected, ids, keys: ids.map(uuidToBytes), types, data, metadata, resolve, reject });
    });
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamId(streamId);
    const { backwards, fromRevision, maxCount } = validateReadStream(options);
    const limit = maxCount ?? -1;
    const head = this.head;
    return this.guard(() =>
      backwards
        ? this.st.streamBackwards.all(streamId, fromRevision ?? Number.MAX_SAFE_INTEGER, head, limit).map(toRecorded)
        : this.st.streamForwards.all(streamId, fromRevision ?? 0, head, limit).map(toRecorded),
    );
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const { backwards, position, maxCount, filter } = validateReadAll(options);
    let remaining = maxCount ?? Number.POSITIVE_INFINITY;
    // A snapshot of the head: the read is of the log as it was when it started.
    const head = this.head;
    let low = backwards ? 1 : position === undefined ? 1 : Number(position) + 1;
    let high = backwards ? (position === undefined ? head : Math.min(head, Number(position) - 1)) : head;
    while (remaining > 0 && low <= high) {
      this.assertOpen();
      const limit = Math.min(READ_ALL_PAGE, remaining);
      const from = backwards ? Math.max(low, high - READ_ALL_WINDOW + 1) : low;
      const to = backwards ? high : Math.min(high, low + READ_ALL_WINDOW - 1);
      const rows = this.guard(() => this.pager.page(from, to, backwards, filter, limit));
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      const full = rows.length === limit;
      if (backwards) high = full ? rows[rows.length - 1][0] - 1 : from - 1;
      else low = full ? rows[rows.length - 1][0] + 1 : to + 1;
      // Hand the event loop back between pages: appends keep flowing during a long read.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const after = validatePosition(options.after, 'after');
    const subscription = new SqliteSubscription(
      {
        head: () => this.head,
        page: (low, high, filter, limit) => {
          this.assertOpen();
          return this.guard(() => this.pager.page(low, high, false, filter, limit));
        },
        detach: (s) => this.subscriptions.delete(s),
      },
      after === undefined ? 0 : Number(after),
      validateFilter(options.filter),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return BigInt(this.head);
  }

  /**
   * The file copied beside the store (`copyTo`), readied for read-only connections in any
   * thread; it holds every event up to the head when asked for. Throws (leaving nothing behind)
   * if the copy cannot be made, e.g. for lack of disk space.
   */
  async copyForReading(): Promise<LogCopy> {
    const head = BigInt(this.head);
    const location = `${this.file}.copy-${process.pid}-${++copies}`;
    try {
      await this.copyTo(location);
    } catch (error) {
      removeCopyFiles(location);
      throw error;
    }
    return SqliteLogCopy.prepare(location, head);
  }

  /**
   * Copies the database to `target` (a new file) with SQLite's online backup, a few pages at a
   * time between turns of the event loop, so appends keep flowing; the copy holds at least every
   * event committed when it was asked for (appends made meanwhile may be in it too). The store's
   * own file is held exclusively: this is how other connections (worker threads) get to read it,
   * with `SqliteStoreCopyReader`. Read-only for the store.
   */
  async copyTo(target: string): Promise<void> {
    this.assertOpen();
    const copying = backupDatabase(this.db, target);
    this.copies.add(copying);
    try {
      await copying;
    } catch (error) {
      throw mapSqliteError(error, this.file);
    } finally {
      this.copies.delete(copying);
    }
  }

  /** Writes appends already accepted, ends subscriptions, then releases the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    // A copy under way finishes (or fails) first: the connection cannot close under it.
    await Promise.allSettled([...this.copies]);
    if (this.closed) return;
    await this.writer.drain();
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    await this.walSync?.close();
    this.db.close();
  }

  private committed(head: number): void {
    if (head <= this.head) return;
    this.head = head;
    for (const subscription of this.subscriptions) subscription.notify();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreError('STORE_CLOSED', `event store ${this.file} is closed`, { file: this.file });
  }

  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw mapSqliteError(error, this.file);
    }
  }
}
