import { join } from 'node:path';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { EventStore } from '@apo/event-store';
import type { Projection, ReadStore } from '@apo/read-store';
import { projectionStatus, type RunnerState } from '@apo/projections';
import { startModuleWorker } from '@apo/stream-folding';
import type { SupervisorLogger } from '../projection-supervisor';
import { readModelsHealth, type ReadModelsHealth } from '../read-models-health';
import { waitForCheckpoint } from '../wait-for-checkpoint';
import { serveStore } from './store-host';
import { isWorkerMessage, type FromWorker, type ProjectionWorkerData, type ToWorker } from './worker-wire';

const ENTRY = join(__dirname, `projection-worker${__filename.slice(__filename.lastIndexOf('.'))}`);
/** A worker that does not stop within this after being asked is ended (its batch is re-applied at the next start). */
const STOP_TIMEOUT_MS = 30_000;
/** A worker busy longer than this (a long rebuild transaction) gets its status read from the stored checkpoints instead. */
const HEALTH_TIMEOUT_MS = 2_000;

export interface WorkerProjectorOptions {
  /** This thread's store: the worker reads the log through it. */
  readonly store: EventStore;
  /** This thread's read store connection: for the status while no worker runs, and the checkpoints. */
  readonly readStore: ReadStore;
  /** The projections the worker keeps (built here for their names and versions only). */
  readonly projections: readonly Projection[];
  readonly worker: ProjectionWorkerData;
  readonly logger: SupervisorLogger;
  /** Pause before restarting a worker that failed to start or died (default 1 s), doubled on each failure in a row up to `maxRestartDelayMs` (60 s). */
  readonly restartDelayMs?: number;
  readonly maxRestartDelayMs?: number;
  readonly resourceLimits?: ResourceLimits;
  /** After each batch the worker committed (metrics). */
  readonly onBatch?: (upTo: bigint, events: number) => void;
}

type Request = ToWorker extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The projection runner in a worker thread (PROJECTOR=worker): the read-model writes, folds and
 * garbage leave the thread that answers HTTP. The worker supervises its runner as
 * `ProjectionSupervisor` does in-process; this restarts the worker itself after it fails to start
 * or dies, with the same growing pause, and answers for it meanwhile (state failed, statuses
 * from the stored checkpoints). Same surface as `ProjectionSupervisor`.
 */
export class WorkerProjector {
  private worker: Worker | undefined;
  private runnerState: RunnerState = 'idle';
  private runnerError: string | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private failuresInARow = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: WorkerProjectorOptions) {}

  /** The worker's runner state; failed while the worker is down and its restart is pending. */
  get state(): RunnerState {
    return this.runnerState;
  }

  get error(): string | undefined {
    return this.runnerState === 'failed' ? this.runnerError : undefined;
  }

  /** Starts the worker in the background; returns at once. */
  start(): void {
    if (this.stopped || this.worker) return;
    let worker: Worker;
    try {
      worker = startModuleWorker(ENTRY, this.options.worker, this.options.resourceLimits);
    } catch (error) {
      this.failed(error);
      return;
    }
    this.worker = worker;
    // Until the worker says otherwise: its runner is about to ask for the lease.
    this.runnerState = 'waiting-for-lease';
    const host = serveStore(worker, this.options.store);
    let fatal: Error | undefined;
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message) || this.worker !== worker) return;
      const event = message as FromWorker;
      if (event.t === 'state') {
        this.runnerState = this.stopped && event.state !== 'stopped' ? 'stopping' : event.state;
        this.runnerError = event.error;
      } else if (event.t === 'batch') {
        this.failuresInARow = 0;
        this.options.onBatch?.(event.upTo, event.events);
      } else if (event.t === 'log') {
        if (event.level === 'error') this.options.logger.error(event.message, event.trace);
        else this.options.logger.log(event.message);
      } else if (event.t === 'reply') {
        this.pending.get(event.id)?.(event.value);
        this.pending.delete(event.id);
      } else if (event.t === 'fatal') {
        fatal = Object.assign(new Error(event.message), { stack: event.stack });
      } else if (event.t === 'stopped') {
        void worker.terminate();
      }
    });
    worker.on('error', (error) => (fatal ??= error));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        void host.close();
        this.ended(worker, fatal ?? new Error(`the projection worker exited (code ${code})`));
        resolve();
      }),
    );
  }

  /** Asks the worker to apply what it has read and stop, and waits until it has (the stores close after). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) {
      this.runnerState = 'stopped';
      return;
    }
    this.runnerState = 'stopping';
    worker.postMessage({ t: 'stop' } satisfies ToWorker);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** Test hook: the worker thread dies as in a crash (nothing applied, nothing released by it). */
  async crashWorker(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Per projection: position, head, lag; from the worker while it runs, else from the stored checkpoints. */
  async health(): Promise<ReadModelsHealth> {
    if (this.worker && this.runnerState !== 'waiting-for-lease') {
      const answer = (await this.request({ t: 'health' }, HEALTH_TIMEOUT_MS)) as ReadModelsHealth | undefined;
      if (answer) return answer;
    }
    const { store, readStore, projections } = this.options;
    return readModelsHealth({
      kind: readStore.dialect,
      statuses: () => projectionStatus(store, readStore, projections),
      runner: { state: this.state, error: this.error },
    });
  }

  /**
   * True once every projection has applied the log up to `position` (the worker says when), false
   * after `timeoutMs`. Without a running worker (another process holds the lease, or the worker
   * is down) it watches the stored checkpoints.
   */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    if (this.worker && this.runnerState === 'running' && (await this.request({ t: 'wait', position, timeoutMs }, timeoutMs + 1_000)) === true) return true;
    const names = this.options.projections.map((p) => p.name);
    return waitForCheckpoint(this.options.readStore, names, position, Math.max(0, timeoutMs - (Date.now() - started)));
  }

  /** The worker's answer, or undefined when it ends first or does not answer within `timeoutMs`. */
  private request(body: Request, timeoutMs: number): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(id, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
      worker.postMessage({ ...body, id });
    });
  }

  private ended(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
    if (this.stopped) this.runnerState = 'stopped';
    else this.failed(error);
  }

  private failed(error: unknown): void {
    this.failuresInARow++;
    this.runnerState = 'failed';
    this.runnerError = error instanceof Error ? error.message : String(error);
    const first = this.options.restartDelayMs ?? 1_000;
    const delay = Math.min(this.options.maxRestartDelayMs ?? 60_000, first * 2 ** (this.failuresInARow - 1));
    this.options.logger.error(`projection worker failed: ${this.runnerError}; restarting in ${delay} ms`, error instanceof Error ? error.stack : undefined);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.start();
    }, delay);
    this.restartTimer.unref();
  }
}
