import type Database from 'better-sqlite3';
import { ConcurrencyError } from '@apo/engine';
import type { AppendResult, ExpectedRevision } from '../port';
import { EventStoreError } from './event-store-error';
import type { Statements } from './rows';
import type { WalSync } from './wal-sync';

/** One validated append, serialised once, waiting for the next batch. */
export interface QueuedAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  /** Lower-case UUIDs (for messages) and the same ids as stored (16 bytes each). */
  readonly ids: readonly string[];
  readonly keys: readonly Buffer[];
  readonly types: readonly string[];
  readonly data: readonly string[];
  readonly metadata: readonly string[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  /** Committed write transactions (each followed by one WAL fsync when the store is durable). */
  readonly transactions: number;
  /** Append calls settled by those transactions (including refused ones). */
  readonly appends: number;
  readonly events: number;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** Bounds one transaction so a flood of appends cannot hold the event loop for long. */
const MAX_EVENTS_PER_TRANSACTION = 20_000;

const holds = (expected: ExpectedRevision, actual: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? actual < 0 : expected === 'stream_exists' ? actual >= 0 : actual === expected);

const describeRevision = (revision: number): string => (revision < 0 ? 'no_stream' : String(revision));

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * Group commit: every append queued before the next `setImmediate` turn is written in ONE
 * transaction. Each append is judged on its own (expected revision, idempotency), so a refused
 * append never fails its neighbours. With a `WalSync` (durable stores) the batch's promises
 * settle only after an fsync of the WAL, started after COMMIT returned, has completed: the wait
 * happens on a pool thread, so the event loop keeps parsing requests and the next batch commits
 * while the disk works. `onCommitted(head)` then reports the head position that is durable.
 * An fsync failure leaves the log's durable state unknown: the batch is refused with STORE_IO
 * and so is every later append, until the store is reopened (SQLite recovers the WAL).
 *
 * Fast path: expectations are checked before an append inserts anything, so a refusal leaves
 * nothing to undo and needs no savepoint. Only a unique-key violation half-way through an append
 * (a reused event id) leaves partial rows; then the batch is rolled back and run again with a
 * savepoint per append, which undoes just the offending one.
 */
export class GroupCommitWriter {
  private queue: QueuedAppend[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private counters = { transactions: 0, appends: 0, events: 0 };
  private readonly settling = new Set<Promise<void>>();
  private failure: EventStoreError | undefined;
  private readonly fastBatch: Database.Transaction<(items: readonly QueuedAppend[], now: string) => Outcome[]>;
  private readonly carefulBatch: Database.Transaction<(items: readonly QueuedAppend[], now: string) => Outcome[]>;

  constructor(
    db: Database.Database,
    private readonly st: Statements,
    private readonly onCommitted: (head: number) => void,
    private readonly mapError: (error: unknown) => unknown,
    private readonly walSync?: WalSync,
  ) {
    this.fastBatch = db.transaction((items: readonly QueuedAppend[], now: string) => items.map((item) => this.write(item, now)));
    // Nested better-sqlite3 transactions are savepoints: a throw rolls back just that append.
    const savepointed = db.transaction((item: QueuedAppend, now: string) => this.write(item, now));
    this.carefulBatch = db.transaction((items: readonly QueuedAppend[], now: string) =>
      items.map((item) => {
        try {
          return savepointed(item, now);
        } catch (error) {
          if (isUniqueViolation(error)) return this.retryOrConflict(item, undefined);
          throw error; // storage failure: abort the whole batch
        }
      }),
    );
  }

  enqueue(item: QueuedAppend): void {
    if (this.failure) return item.reject(this.failure);
    this.queue.push(item);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Writes everything queued now and waits until every batch written so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.settling]);
  }

  /** Writes everything queued now (also called by close(), so accepted appends are kept). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) {
      let events = 0;
      let take = 0;
      while (take < this.queue.length && (take === 0 || events + this.queue[take].ids.length <= MAX_EVENTS_PER_TRANSACTION)) {
        events += this.queue[take++].ids.length;
      }
      const batch = this.queue.splice(0, take);
      this.commit(batch, events);
    }
  }

  private commit(batch: QueuedAppend[], events: number): void {
    let outcomes: Outcome[];
    const now = new Date().toISOString();
    try {
      try {
        outcomes = this.fastBatch.immediate(batch, now);
      } catch (error) {
        // Rolled back already; nothing was acknowledged. Redo it append by append.
        if (!isUniqueViolation(error)) throw error;
        outcomes = this.carefulBatch.immediate(batch, now);
      }
    } catch (error) {
      const mapped = this.mapError(error);
      for (const item of batch) item.reject(mapped);
      return;
    }
    this.counters.transactions++;
    this.counters.appends += batch.length;
    this.counters.events += events;
    const head = this.st.head.get() ?? 0;
    if (this.walSync === undefined) return this.settle(batch, outcomes, head);
    const walSync = this.walSync;
    // Through a promise, so a synchronous throw (the WAL cannot be opened) refuses the batch too.
    const settled = Promise.resolve()
      .then(() => walSync.sync())
      .then(
        () => this.settle(batch, outcomes, head),
        (error: unknown) => this.fail(batch, error),
      );
    this.settling.add(settled);
    void settled.then(() => this.settling.delete(settled));
  }

  private settle(batch: readonly QueuedAppend[], outcomes: readonly Outcome[], head: number): void {
    if (this.failure) return this.fail(batch, this.failure);
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.result);
      else item.reject(outcome.error);
    });
    this.onCommitted(head);
  }

  private fail(batch: readonly QueuedAppend[], error: unknown): void {
    this.failure ??= new EventStoreError(
      'STORE_IO',
      `event store: fsync of the write-ahead log failed (${(error as Error).message}); appends are refused until the store is reopened`,
      {},
      { cause: error },
    );
    for (const item of batch) item.reject(this.failure);
  }

  /** Writes one append, or refuses it before writing anything when `expected` does not hold. */
  private write(item: QueuedAppend, now: string): Outcome {
    const actual = this.st.lastRevision.get(item.streamId) ?? -1;
    if (!holds(item.expected, actual)) return this.retryOrConflict(item, actual);
    let revision = actual;
    let position = 0;
    for (let i = 0; i < item.ids.length; i++) {
      const info = this.st.insert.run(item.streamId, ++revision, item.keys[i], item.types[i], item.data[i], item.metadata[i], now);
      position = Number(info.lastInsertRowid);
    }
    return { ok: true, result: { nextExpectedRevision: revision, position: BigInt(position) } };
  }

  /**
   * An append that cannot be written as asked may be a retry of one that was: if all its event
   * ids are already stored in this stream, contiguous, in order, where `expected` would have put
   * them, the original result is returned and nothing is written (as EventStoreDB does).
   */
  private retryOrConflict(item: QueuedAppend, actual: number | undefined): Outcome {
    const found = item.keys.map((key) => this.st.byEventId.get(key));
    const first = found[0];
    const last = found[found.length - 1];
    if (first !== undefined && last !== undefined) {
      const contiguous = found.every((row, i) => row !== undefined && row.stream_id === item.streamId && row.revision === first.revision + i);
      if (contiguous && holds(item.expected, first.revision - 1)) {
        return { ok: true, result: { nextExpectedRevision: last.revision, position: BigInt(last.position) } };
      }
    }
    const stored = found.flatMap((row, i) => (row ? [{ eventId: item.ids[i], streamId: row.stream_id, revision: row.revision }] : []));
    if (stored.length > 0) {
      return {
        ok: false,
        error: new EventStoreError(
          'DUPLICATE_EVENT_ID',
          `append to ${item.streamId}: event ids already stored and this is not an exact retry of that append: ` +
            stored.map((s) => `${s.eventId} at ${s.streamId}@${s.revision}`).join(', '),
          { streamId: item.streamId, stored },
        ),
      };
    }
    const current = actual ?? this.st.lastRevision.get(item.streamId) ?? -1;
    const expected = typeof item.expected === 'number' ? String(item.expected) : item.expected;
    return { ok: false, error: new ConcurrencyError(item.streamId, expected, describeRevision(current)) };
  }
}
