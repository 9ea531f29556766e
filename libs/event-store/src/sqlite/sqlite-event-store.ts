import type Database from 'better-sqlite3';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { EventStoreError } from './event-store-error';
import { GroupCommitWriter, type GroupCommitStats } from './group-commit';
import { mapSqliteError, openDatabase, resolveStoreFile, type OpenSqliteEventStoreOptions } from './open-database';
import { LogPager, prepareStatements, toRecorded, type Statements } from './rows';
import { uuidToBytes } from './schema';
import { SqliteSubscription } from './subscription';
import { validateEvents, validateExpected, validateFilter, validatePosition, validateReadAll, validateReadStream, validateStreamId } from './validate';

const READ_ALL_PAGE = 512;
const READ_ALL_WINDOW = 8192;

/** Opens the embedded store (see {@link OpenSqliteEventStoreOptions}); throws `EventStoreError` if it cannot. */
export const openSqliteEventStore = async (options: OpenSqliteEventStoreOptions): Promise<SqliteEventStore> => {
  const file = resolveStoreFile(options);
  return new SqliteEventStore(openDatabase(file, options.synchronous ?? 'FULL'), file);
};

/** The embedded event store: one SQLite file in WAL mode, owned by one process. */
export class SqliteEventStore implements EventStore {
  private readonly st: Statements;
  private readonly pager: LogPager;
  private readonly writer: GroupCommitWriter;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private headPosition: number;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {
    this.st = prepareStatements(db);
    this.pager = new LogPager(db);
    this.headPosition = this.st.head.get() ?? 0;
    this.writer = new GroupCommitWriter(db, this.st, () => this.committed(), (error) => mapSqliteError(error, file));
  }

  /** Write counters: `transactions < appends` shows group commit at work. */
  get stats(): GroupCommitStats {
    return this.writer.stats;
  }

  /** The settings the file is really running with, read back from SQLite (for ops and tests). */
  diagnostics(): { synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'; journalMode: string; lockingMode: string; schemaVersion: number } {
    this.assertOpen();
    const synchronous = (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[this.db.pragma('synchronous', { simple: true }) as number];
    return {
      synchronous,
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      lockingMode: this.db.pragma('locking_mode', { simple: true }) as string,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
    };
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
    return this.guard(() =>
      backwards
        ? this.st.streamBackwards.all(streamId, fromRevision ?? Number.MAX_SAFE_INTEGER, limit).map(toRecorded)
        : this.st.streamForwards.all(streamId, fromRevision ?? 0, limit).map(toRecorded),
    );
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const { backwards, position, maxCount, filter } = validateReadAll(options);
    let remaining = maxCount ?? Number.POSITIVE_INFINITY;
    // A snapshot of the head: the read is of the log as it was when it started.
    const head = this.headPosition;
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
      if (backwards) high = full ? rows[rows.length - 1].position - 1 : from - 1;
      else low = full ? rows[rows.length - 1].position + 1 : to + 1;
      // Hand the event loop back between pages: appends keep flowing during a long read.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const after = validatePosition(options.after, 'after');
    const subscription = new SqliteSubscription(
      {
        head: () => this.headPosition,
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

  /** Writes appends already accepted, ends subscriptions, then releases the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.writer.flush();
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.db.close();
  }

  private committed(): void {
    this.headPosition = this.st.head.get() ?? 0;
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
