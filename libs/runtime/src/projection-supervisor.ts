import type { EventStore } from '@apo/event-store';
import type { Projection, ReadStore } from '@apo/read-store';
import { ProjectionRunner, projectionStatus, type FailedEvent, type ProjectionStatus, type RunnerState } from '@apo/projections';
import { readModelsHealth, type ReadModelsHealth } from './read-models-health';
import type { TimedCheckpoints } from './transparency-checkpointing';
import { waitForCheckpoint } from './wait-for-checkpoint';

/** The logger methods the supervisor uses (Nest's `Logger` fits). */
export interface SupervisorLogger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface ProjectionSupervisorOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  readonly logger: SupervisorLogger;
  readonly batchSize?: number;
  /** How often a runner waiting for the lease tries again (default 1,000 ms). */
  readonly leasePollMs?: number;
  /** Pause before restarting a failed runner (default 1 s), doubled on each failure in a row up to `maxRestartDelayMs` (60 s). */
  readonly restartDelayMs?: number;
  readonly maxRestartDelayMs?: number;
  /** After each committed batch (metrics). */
  readonly onBatch?: (upTo: bigint, events: number) => void;
  /** The transparency log's timed checkpoints, signed only while this supervisor's runner holds the lease. */
  readonly timedCheckpoints?: TimedCheckpoints;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The log line of a failed event: where it is, whose it is, what went wrong. */
export const failedEventLine = (f: FailedEvent): string =>
  `projection ${f.projection} skipped the event at log position ${f.position} (${f.streamId}@${f.revision}${f.type === null ? '' : ` ${f.type}`}): ${f.error}`;

/**
 * Runs a {@link ProjectionRunner} for a long-lived process (the API in-process, or the projector):
 * starts it without waiting for the lease or a catch-up, logs when it waits for another runner's
 * lease, and when it fails logs the error and starts a fresh runner after a growing pause, so a
 * failing projection or an unreachable read database never takes the process down.
 */
export class ProjectionSupervisor {
  private runner: ProjectionRunner | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private failuresInARow = 0;
  private lastError: string | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private signing: Promise<void> | undefined;

  constructor(private readonly options: ProjectionSupervisorOptions) {}

  /** idle (not started), waiting-for-lease, running, failed (a restart is scheduled), stopping, stopped. */
  get state(): RunnerState {
    if (this.stopped) return this.runner?.state === 'stopping' ? 'stopping' : 'stopped';
    return this.runner?.state ?? (this.lastError === undefined ? 'idle' : 'failed');
  }

  /** The error of the last failure while the runner is down because of it. */
  get error(): string | undefined {
    return this.state === 'failed' ? this.lastError : undefined;
  }

  /** Starts a runner in the background; returns at once. */
  start(): void {
    if (this.stopped || this.runner) return;
    const { logger, readStore } = this.options;
    this.startCheckpointTimer();
    const poll = this.options.leasePollMs ?? 1_000;
    const runner: ProjectionRunner = new ProjectionRunner({
      store: this.options.store,
      readStore,
      projections: this.options.projections,
      batchSize: this.options.batchSize,
      leasePollMs: poll,
      onError: (error) => this.failed(runner, error),
      onFailedEvent: (failure) => logger.error(`${failedEventLine(failure)}; it stays listed on /health until the projection is rebuilt`),
      onInMemoryDropped: (name, error) =>
        logger.log(`projection ${name} cannot rebuild in memory past an event (${describe(error)}); it goes on event by event from its last write`),
      onBatch: (upTo, events) => {
        this.failuresInARow = 0;
        this.options.onBatch?.(upTo, events);
      },
    });
    this.runner = runner;
    let waited = false;
    const notice = setTimeout(
      () => {
        if (this.runner !== runner || runner.state !== 'waiting-for-lease') return;
        waited = true;
        logger.log(`waiting for the projection lease on ${readStore.location}: another runner holds it (trying again every ${poll} ms)`);
      },
      Math.min(500, poll / 2),
    );
    notice.unref();
    runner.start().then(
      () => {
        clearTimeout(notice);
        if (this.runner === runner && runner.state === 'running') {
          logger.log(`${waited ? 'lease acquired; ' : ''}keeping ${this.options.projections.length} projections on ${readStore.location}`);
        }
      },
      (error: unknown) => {
        clearTimeout(notice);
        this.failed(runner, error);
      },
    );
  }

  /** Stops the runner (applying what it has read) and cancels a pending restart. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.checkpointTimer);
    // A timed checkpoint in flight ends before the runner (and then the read store) goes.
    await this.signing;
    await this.runner?.stop();
  }

  /** Every `timedCheckpoints.everyMs`: a checkpoint of the grown tree, when this runner holds the lease (one at a time). */
  private startCheckpointTimer(): void {
    const timed = this.options.timedCheckpoints;
    if (!timed || this.checkpointTimer) return;
    this.checkpointTimer = setInterval(() => {
      if (this.signing || this.stopped || this.runner?.state !== 'running') return;
      this.signing = timed
        .sign(this.options.readStore)
        .then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.error(`transparency log: the timed checkpoint failed: ${describe(error)}`, error instanceof Error ? error.stack : undefined),
        )
        .finally(() => (this.signing = undefined));
    }, timed.everyMs);
    this.checkpointTimer.unref();
  }

  /** Per projection: position, head, lag; from the runner while it runs, else from the stored checkpoints. */
  statuses(): Promise<ProjectionStatus[]> {
    const runner = this.runner;
    if (runner?.state === 'running') return runner.status();
    return projectionStatus(this.options.store, this.options.readStore, this.options.projections);
  }

  health(): Promise<ReadModelsHealth> {
    return readModelsHealth({ kind: this.options.readStore.dialect, statuses: () => this.statuses(), runner: { state: this.state, error: this.error } });
  }

  /**
   * True once every projection has applied the log up to `position`, false if that takes longer
   * than `timeoutMs`. Only pass positions the log has reached: the runner keeps a waiter until then.
   */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    const runner = this.runner;
    if (runner?.state === 'running') {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const reached = await Promise.race([
        runner.waitForPosition(position).then(
          () => true,
          () => false,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      if (reached) return true;
    }
    // No runner of ours (another process holds the lease), or ours failed: watch the checkpoints.
    const names = this.options.projections.map((p) => p.name);
    return waitForCheckpoint(this.options.readStore, names, position, Math.max(0, timeoutMs - (Date.now() - started)));
  }

  private failed(runner: ProjectionRunner, error: unknown): void {
    if (this.runner !== runner || this.stopped) return;
    this.runner = undefined;
    this.failuresInARow++;
    this.lastError = describe(error);
    const first = this.options.restartDelayMs ?? 1_000;
    const delay = Math.min(this.options.maxRestartDelayMs ?? 60_000, first * 2 ** (this.failuresInARow - 1));
    this.options.logger.error(`projection runner failed: ${this.lastError}; restarting in ${delay} ms`, error instanceof Error ? error.stack : undefined);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, delay);
    this.restartTimer.unref();
  }
}
