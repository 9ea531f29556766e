import type { EventStore } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { type Lease, type ReadStore, ReadStoreError, type ReadDatabase, type Projection } from '@apo/read-store';
import { commitBatch, shareOf, splitItems, type Share } from './batch-commit';
import { advanceCheckpoints, loadCheckpoints, resetProjection, type Checkpoint } from './checkpoints';
import type { FailedEvent } from './failed-events';
import { follow, type Following, type LogItem, type Rewind } from './follow';
import { isInfrastructureError } from './infrastructure-error';
import { logHead, recordedAtOf } from './log-head';
import { InMemoryRebuilds } from './in-memory-rebuilds';
import { PositionWaiters } from './position-waiters';
import { projectionStatus, type ProjectionStatus, type RunnerState } from './projection-status';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /** Events per read-database transaction during catch-up (default 1,000). */
  readonly batchSize?: number;
  /**
   * Events per transaction while a projection without `rebuildInMemory` rebuilds from zero
   * (default 10,000, or `batchSize` when that is given): fewer, larger transactions write each
   * touched row once per batch.
   */
  readonly rebuildBatchSize?: number;
  /**
   * Events a from-zero rebuild folds in memory between two writes (default 250,000), for the
   * projections that can (`rebuildInMemory`): each changed row is written once per write, and the
   * checkpoint moves with it, so a crash loses at most this much folding. Rows appended between
   * two writes (outbox, assessments) wait in memory: ~0.35 KB per event, ~90 MB at the default.
   */
  readonly rebuildWriteEvents?: number;
  /** How often a runner waiting for the lease tries again (default 1,000 ms). */
  readonly leasePollMs?: number;
  /**
   * Called once if the runner stops on an error (it releases the lease first): an infrastructure
   * error (a lost connection or lease, a full disk). An event a projection cannot apply is not one.
   */
  readonly onError?: (error: unknown) => void;
  /** Called once per failed event recorded: a projection skipped it (log it as an error). */
  readonly onFailedEvent?: (failure: FailedEvent) => void;
  /** Called when a rebuild in memory cannot fold or write and the projection goes on with `apply` from its last write. */
  readonly onInMemoryDropped?: (projection: string, error: unknown) => void;
  /**
   * Called after each batch (metrics, logs): the position reached and events read. A batch a
   * rebuild folded in memory counts when folded; its rows are committed at the next write.
   */
  readonly onBatch?: (upTo: bigint, events: number) => void;
}

type Progress = (done: number, total: number) => void;
/**
 * Keeps projections up to date from the global log: one subscription from the lowest checkpoint,
 * batches applied in one read-database transaction with the checkpoints they reach, one runner
 * per read store (a lease; a second runner waits until it is free).
 */
export class ProjectionRunner {
  private runnerState: RunnerState = 'idle';
  private lease: Lease | undefined;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private stopRequested = false;
  private cancelSleep: (() => void) | undefined;
  private following: Following | undefined;
  private checkpoints = new Map<string, Checkpoint>();
  /** Projections building from zero, with the head position that ends the rebuild. */
  private readonly rebuilding = new Map<string, bigint>();
  /** Those of them folding in memory, ahead of their stored checkpoint until their next write. */
  private readonly inMemory: InMemoryRebuilds;
  private readonly waiters = new PositionWaiters();
  private progress: { onProgress: Progress; total: bigint } | undefined;
  private failure: unknown;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new TypeError(`projection names must be unique: ${names.join(', ')}`);
    this.batchSize = options.batchSize ?? 1_000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 10_000;
    this.inMemory = new InMemoryRebuilds(options.rebuildWriteEvents ?? 250_000);
  }

  get state(): RunnerState {
    return this.runnerState;
  }

  /** Waits for the lease (polling), rebuilds projections whose version changed, then follows the log. */
  start(): Promise<void> {
    this.starting ??= this.acquireAndRun();
    return this.starting;
  }

  /** Applies what was read (and writes what a rebuild folded in memory), stops following and releases the lease. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.stopRequested = true;
    this.cancelSleep?.();
    if (this.runnerState === 'stopped' || this.runnerState === 'failed') return;
    this.runnerState = 'stopping';
    try {
      await this.starting?.catch(() => undefined);
      await this.following?.stop();
      // What a rebuild folded in memory is written too: a graceful stop loses no work.
      await this.writeInMemory();
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      // Whatever failed above, the lease goes: a held PostgreSQL session would keep the process alive.
      this.inMemory.clear();
      await this.releaseLease();
      this.runnerState = 'stopped';
      this.waiters.rejectAll(new ReadStoreError('READ_STORE_CLOSED', 'the projection runner stopped'));
    }
  }

  /** Resolves once every projection has applied the log up to `position`. */
  waitForPosition(position: bigint): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.minPosition() >= position) return Promise.resolve();
    return this.waiters.wait(position);
  }

  /** Resolves once every projection has applied the log up to its current head. */
  async catchUp(): Promise<void> {
    const head = await logHead(this.options.store);
    if (head) await this.waitForPosition(head.position);
  }

  status(): Promise<ProjectionStatus[]> {
    return projectionStatus(this.options.store, this.options.readStore, this.options.projections, new Set(this.rebuilding.keys()));
  }

  /**
   * Rebuilds one projection (or all) from zero while the others keep their place, resolving when
   * it has caught up with the head as it was when the rebuild began. `onProgress(done, total)`
   * counts in log positions: event counts on the SQLite store, whose positions run 1, 2, 3...
   */
  async rebuild(name?: string, onProgress?: Progress): Promise<void> {
    const targets = name === undefined ? this.options.projections : this.options.projections.filter((p) => p.name === name);
    if (targets.length === 0) throw new ReadStoreError('READ_STORE_BAD_QUERY', `no projection named ${name}`, { name });
    await this.start();
    if (this.runnerState !== 'running') throw new ReadStoreError('READ_STORE_CLOSED', `the projection runner is ${this.runnerState}`);
    try {
      await this.following?.stop();
    } catch (error) {
      await this.fail(error);
      throw error;
    }
    const head = (await logHead(this.options.store))?.position ?? 0n;
    await this.reset(targets, head);
    if (onProgress) this.progress = { onProgress, total: head };
    this.startFollowing();
    try {
      await this.waitForPosition(head);
      onProgress?.(Number(head), Number(head));
    } finally {
      this.progress = undefined;
    }
  }

  private async acquireAndRun(): Promise<void> {
    this.runnerState = 'waiting-for-lease';
    const poll = this.options.leasePollMs ?? 1_000;
    while (!this.stopRequested && !(this.lease = await this.options.readStore.tryAcquireLease())) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, poll);
        this.cancelSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (this.stopRequested) {
      await this.releaseLease();
      return;
    }
    try {
      this.checkpoints = await loadCheckpoints(this.options.readStore.db);
      const head = (await logHead(this.options.store))?.position ?? 0n;
      const stale = this.options.projections.filter((p) => this.checkpoints.get(p.name)?.version !== p.version);
      if (stale.length > 0) await this.reset(stale, head);
      // Still at the start (a rebuild stopped before its first write): empty tables, so a rebuild from zero again.
      for (const p of this.options.projections) if (!stale.includes(p) && this.checkpoints.get(p.name)?.position === null) this.fromZero(p, head);
    } catch (error) {
      await this.releaseLease();
      this.runnerState = 'failed';
      throw error;
    }
    this.runnerState = 'running';
    this.startFollowing();
  }

  /** New or changed projections, and rebuilds: empty tables, checkpoint back to the start. */
  private async reset(projections: readonly Projection[], head: bigint): Promise<void> {
    await this.options.readStore.db.transaction().execute(async (trx) => {
      for (const projection of projections) await resetProjection(trx, projection);
    });
    for (const projection of projections) {
      this.checkpoints.set(projection.name, { version: projection.version, position: null, lastRecordedAt: null });
      this.fromZero(projection, head);
    }
  }

  /**
   * A projection at the start of the log (its tables empty) rebuilds up to `head`: in memory if it
   * can and the log spans more than one rebuild batch (in log positions: events on the SQLite
   * store), since a single batch already writes each row once.
   */
  private fromZero(projection: Projection, head: bigint): void {
    this.inMemory.drop(projection.name);
    if (head === 0n) return;
    this.rebuilding.set(projection.name, head);
    if (head > BigInt(this.rebuildBatchSize)) this.inMemory.start(projection);
  }

  private startFollowing(): void {
    const after = this.minCheckpoint((name) => this.reached(name));
    this.following = follow({
      store: this.options.store,
      after,
      batchSize: () => this.nextBatchSize(),
      apply: (events, upTo) => this.applyBatch(events, upTo),
      onError: (error) => void this.fail(error),
    });
  }

  /**
   * Large batches while a projection rebuilds with `apply` (each batch rewrites the rows it
   * touches); folding in memory keeps catch-up batches: nothing is written per batch, and a
   * smaller batch is let go sooner (less for the garbage collector to copy).
   */
  private nextBatchSize(): number {
    for (const name of this.rebuilding.keys()) if (!this.inMemory.has(name)) return this.rebuildBatchSize;
    return this.batchSize;
  }

  /**
   * One transaction: every projection behind `upTo` applies its share and moves its checkpoint.
   * A projection rebuilding in memory folds its share first and joins the transaction only when
   * its write is due (its checkpoint stays where its last write left it until then). An event a
   * projection cannot apply, or the store cannot read, is recorded as its failed event and
   * skipped. A rebuild in memory that cannot fold or write is dropped: the projection goes on with
   * `apply` from its last write, and the log is read again from there (the `Rewind`).
   */
  private async applyBatch(items: readonly LogItem[], upTo: bigint): Promise<Rewind | undefined> {
    if (this.lease?.lost) throw new ReadStoreError('READ_STORE_UNREACHABLE', 'the runner lost its lease (its database session ended)');
    const behind = this.options.projections.filter((p) => {
      const position = this.reached(p.name);
      return position === null || position < upTo;
    });
    if (behind.length === 0) return undefined;
    const { events, unreadable } = splitItems(items);
    const last = events.length > 0 ? events[events.length - 1] : undefined;
    const lastRecordedAt = last ? recordedAtOf(last) : null;
    const shares = new Map<string, Share>();
    let dropped = false;
    for (const projection of behind) {
      const share = shareOf(projection, events, unreadable, this.reached(projection.name));
      if (!this.inMemory.has(projection.name)) shares.set(projection.name, share);
      else dropped = (await this.foldInMemory(projection.name, share, upTo, lastRecordedAt, items.length)) || dropped;
    }
    const writing = behind.filter((p) => shares.has(p.name) || (this.inMemory.has(p.name) && this.inMemory.due(p.name, this.rebuilding.get(p.name))));
    if (writing.length > 0) {
      const { db } = this.options.readStore;
      const advance = (trx: Kysely<ReadDatabase>, done: readonly Projection[]) => this.advance(trx, done, upTo, lastRecordedAt);
      const { written, unwritten, failed } = await commitBatch({ db, inMemory: this.inMemory, writing, shares, advance });
      this.advanced(written, upTo, lastRecordedAt);
      for (const [name, error] of unwritten) this.dropInMemory(name, error);
      dropped ||= unwritten.length > 0;
      for (const failure of failed) this.options.onFailedEvent?.(failure);
    }
    this.options.onBatch?.(upTo, items.length);
    if (this.progress) this.progress.onProgress(Number(upTo), Number(this.progress.total));
    this.waiters.reached(this.minPosition());
    return dropped ? { rewindTo: this.minCheckpoint((name) => this.reached(name)) } : undefined;
  }

  /** Folds in memory; true when the fold threw on data and the rebuild was dropped. */
  private async foldInMemory(name: string, share: Share, upTo: bigint, lastRecordedAt: string | null, read: number): Promise<boolean> {
    try {
      await this.inMemory.fold(name, share.events, share.failed, upTo, lastRecordedAt, read);
      return false;
    } catch (error) {
      if (isInfrastructureError(error)) throw error;
      this.dropInMemory(name, error);
      return true;
    }
  }

  private dropInMemory(name: string, error: unknown): void {
    this.inMemory.drop(name);
    this.options.onInMemoryDropped?.(name, error);
  }

  /** Writes every in-memory rebuild that folded past its last write, with its checkpoint (a stop). */
  private async writeInMemory(): Promise<void> {
    const names = new Set(this.inMemory.unwrittenNames());
    if (names.size === 0 || !this.lease || this.lease.lost) return;
    const writing = this.options.projections.filter((p) => names.has(p.name));
    const upTo = new Map(writing.map((p) => [p.name, this.inMemory.folded(p.name) as bigint]));
    const { written, failed } = await commitBatch({
      db: this.options.readStore.db,
      inMemory: this.inMemory,
      writing,
      shares: new Map(),
      advance: async (trx, done) => {
        for (const projection of done) await this.advance(trx, [projection], upTo.get(projection.name) as bigint, null);
      },
    });
    for (const projection of written) this.advanced([projection], upTo.get(projection.name) as bigint, null);
    for (const failure of failed) this.options.onFailedEvent?.(failure);
  }

  /** Moves the checkpoints of `projections` to `upTo` (a rebuild in memory: with its own last recordedAt). */
  private async advance(trx: Kysely<ReadDatabase>, projections: readonly Projection[], upTo: bigint, lastRecordedAt: string | null): Promise<void> {
    const byRecordedAt = new Map<string | null, string[]>();
    for (const { name } of projections) {
      const recordedAt = this.inMemory.has(name) ? this.inMemory.lastRecordedAt(name) : lastRecordedAt;
      byRecordedAt.set(recordedAt, [...(byRecordedAt.get(recordedAt) ?? []), name]);
    }
    for (const [recordedAt, names] of byRecordedAt) await advanceCheckpoints(trx, names, upTo, recordedAt);
  }

  /** After the commit: the checkpoints as stored; rebuilds that reached their end are over. */
  private advanced(projections: readonly Projection[], upTo: bigint, lastRecordedAt: string | null): void {
    for (const projection of projections) {
      const current = this.checkpoints.get(projection.name);
      const recordedAt = this.inMemory.has(projection.name) ? this.inMemory.lastRecordedAt(projection.name) : lastRecordedAt;
      this.checkpoints.set(projection.name, { version: projection.version, position: upTo, lastRecordedAt: recordedAt ?? current?.lastRecordedAt ?? null });
      const until = this.rebuilding.get(projection.name);
      const finished = until !== undefined && upTo >= until;
      if (finished) this.rebuilding.delete(projection.name);
      if (this.inMemory.has(projection.name)) this.inMemory.written(projection.name, finished);
    }
  }

  private async fail(error: unknown): Promise<void> {
    this.failure = error;
    this.runnerState = 'failed';
    this.inMemory.clear();
    this.waiters.rejectAll(error);
    await this.releaseLease();
    this.options.onError?.(error);
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }

  /** Position a projection has applied, or folded when it rebuilds in memory. */
  private reached(name: string): bigint | null {
    const folded = this.inMemory.folded(name);
    return folded !== undefined ? folded : (this.checkpoints.get(name)?.position ?? null);
  }

  private minCheckpoint(positionOf = (name: string) => this.checkpoints.get(name)?.position ?? null): bigint | null {
    let min: bigint | undefined;
    for (const p of this.options.projections) {
      const position = positionOf(p.name);
      if (position === null) return null;
      if (min === undefined || position < min) min = position;
    }
    return min ?? null;
  }

  private minPosition(): bigint {
    return this.minCheckpoint() ?? 0n;
  }
}
