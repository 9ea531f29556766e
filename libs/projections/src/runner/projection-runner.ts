import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { Lease } from '../read-store/lease';
import type { ReadStore } from '../read-store/open-read-store';
import { ReadStoreError } from '../read-store/read-store-error';
import { advanceCheckpoints, loadCheckpoints, resetProjection, type Checkpoint } from './checkpoints';
import { follow, type Following } from './follow';
import { lastEvent, recordedAtOf } from './log-head';
import type { Projection, ProjectionStatus, RunnerState } from './projection';
import { projectionStatus } from './projection-status';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /** Events per read-database transaction during catch-up (default 1,000). */
  readonly batchSize?: number;
  /**
   * Events per transaction while a projection rebuilds from zero (default 10,000, or `batchSize`
   * when that is given): fewer, larger transactions write each touched row once per batch.
   */
  readonly rebuildBatchSize?: number;
  /** How often a runner waiting for the lease tries again (default 1,000 ms). */
  readonly leasePollMs?: number;
  /** Called once if the runner stops on an error (it releases the lease first). */
  readonly onError?: (error: unknown) => void;
  /** Called after each committed batch (metrics, logs): the position reached and events read. */
  readonly onBatch?: (upTo: bigint, events: number) => void;
}

type Progress = (done: number, total: number) => void;
interface Waiter {
  readonly position: bigint;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Keeps projections up to date from the global log: one subscription from the lowest checkpoint,
 * batches applied in one read-database transaction with the checkpoints they reach, one runner
 * per read store (a lease; a second runner waits until it is free).
 */
export class ProjectionRunner {
  private runnerState: RunnerState = 'idle';
  private lease: Lease | undefined;
  private starting: Promise<void> | undefined;
  private stopRequested = false;
  private cancelSleep: (() => void) | undefined;
  private following: Following | undefined;
  private checkpoints = new Map<string, Checkpoint>();
  /** Projections building from zero, with the head position that ends the rebuild. */
  private readonly rebuilding = new Map<string, bigint>();
  private waiters: Waiter[] = [];
  private progress: { onProgress: Progress; total: bigint } | undefined;
  private failure: unknown;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = options.projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new TypeError(`projection names must be unique: ${names.join(', ')}`);
    this.batchSize = options.batchSize ?? 1_000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 10_000;
  }

  get state(): RunnerState {
    return this.runnerState;
  }

  /** Waits for the lease (polling), rebuilds projections whose version changed, then follows the log. */
  start(): Promise<void> {
    this.starting ??= this.acquireAndRun();
    return this.starting;
  }

  /** Applies what was read, stops following and releases the lease. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.cancelSleep?.();
    if (this.runnerState === 'stopped' || this.runnerState === 'failed') return;
    this.runnerState = 'stopping';
    await this.starting?.catch(() => undefined);
    await this.following?.stop();
    await this.releaseLease();
    this.runnerState = 'stopped';
    this.rejectWaiters(new ReadStoreError('READ_STORE_CLOSED', 'the projection runner stopped'));
  }

  /** Resolves once every projection has applied the log up to `position`. */
  waitForPosition(position: bigint): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.minPosition() >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Resolves once every projection has applied the log up to its current head. */
  async catchUp(): Promise<void> {
    const head = await lastEvent(this.options.store);
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
    await this.following?.stop();
    const head = (await lastEvent(this.options.store))?.position ?? 0n;
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
      const stale = this.options.projections.filter((p) => this.checkpoints.get(p.name)?.version !== p.version);
      if (stale.length > 0) await this.reset(stale, (await lastEvent(this.options.store))?.position ?? 0n);
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
      if (head > 0n) this.rebuilding.set(projection.name, head);
    }
  }

  private startFollowing(): void {
    const after = this.minCheckpoint();
    this.following = follow({
      store: this.options.store,
      after,
      batchSize: () => (this.rebuilding.size > 0 ? this.rebuildBatchSize : this.batchSize),
      apply: (events, upTo) => this.applyBatch(events, upTo),
      onError: (error) => void this.fail(error),
    });
  }

  /** One transaction: every projection behind `upTo` applies its share and moves its checkpoint. */
  private async applyBatch(events: readonly RecordedEvent[], upTo: bigint): Promise<void> {
    if (this.lease?.lost) throw new ReadStoreError('READ_STORE_UNREACHABLE', 'the runner lost its lease (its database session ended)');
    const behind = this.options.projections.filter((p) => {
      const position = this.checkpoints.get(p.name)?.position ?? null;
      return position === null || position < upTo;
    });
    if (behind.length === 0) return;
    const last = events.length > 0 ? events[events.length - 1] : undefined;
    const lastRecordedAt = last ? recordedAtOf(last) : null;
    await this.options.readStore.db.transaction().execute(async (trx) => {
      for (const projection of behind) {
        const from = this.checkpoints.get(projection.name)?.position ?? null;
        const mine = events.filter((e) => (from === null || e.position > from) && projection.handles(e));
        if (mine.length > 0) await projection.apply(trx, mine);
      }
      await advanceCheckpoints(trx, behind.map((p) => p.name), upTo, lastRecordedAt);
    });
    for (const projection of behind) {
      const current = this.checkpoints.get(projection.name);
      this.checkpoints.set(projection.name, { version: projection.version, position: upTo, lastRecordedAt: lastRecordedAt ?? current?.lastRecordedAt ?? null });
      const until = this.rebuilding.get(projection.name);
      if (until !== undefined && upTo >= until) this.rebuilding.delete(projection.name);
    }
    this.options.onBatch?.(upTo, events.length);
    if (this.progress) this.progress.onProgress(Number(upTo), Number(this.progress.total));
    const reached = this.minPosition();
    const ready = this.waiters.filter((w) => w.position <= reached);
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }

  private async fail(error: unknown): Promise<void> {
    this.failure = error;
    this.runnerState = 'failed';
    this.rejectWaiters(error);
    await this.releaseLease();
    this.options.onError?.(error);
  }

  private rejectWaiters(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }

  private minCheckpoint(): bigint | null {
    let min: bigint | undefined;
    for (const p of this.options.projections) {
      const position = this.checkpoints.get(p.name)?.position ?? null;
      if (position === null) return null;
      if (min === undefined || position < min) min = position;
    }
    return min ?? null;
  }

  private minPosition(): bigint {
    return this.minCheckpoint() ?? 0n;
  }
}
