import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { ValidationError, type DefinitionRegistry } from '@apo/engine';
import type { ProgrammesConfig } from '@apo/programmes';
import type { EventStore } from '@apo/event-store';
import type { Projection, ReadStore } from '@apo/read-store';
import { checkpointOf } from '@apo/read-queries';
import { readModelProjections, projectionStatus } from '@apo/projections';
import {
  ProjectionMetrics,
  ProjectionSupervisor,
  readModelsHealth,
  transparencyCheckpointing,
  waitForCheckpoint,
  WorkerProjector,
  type ReadModelsHealth,
  type TransparencyCheckpointSettings,
} from '@apo/runtime';
import { ReadModelBehind } from './read-model-behind.error';

export type ProjectorMode = 'worker' | 'in-process' | 'external';

export interface ReadModelsOptions {
  readonly mode: ProjectorMode;
  readonly store: EventStore;
  readonly readStore: ReadStore;
  /** The definitions the API runs (with its closing dates): the deadlines read model folds streams with them. */
  readonly definitions: DefinitionRegistry;
  /** How long a read-your-writes query waits for the projections (READ_MODEL_WAIT_MS). */
  readonly waitMs: number;
  /** Where the projection gauges go (`/metrics`). */
  readonly registry: Registry;
  /**
   * PROJECTOR=worker: the configuration the worker builds the API's registry from, and the read
   * store it opens. Absent (the definitions were given, not built from the environment): the
   * runner runs in-process, since a registry cannot cross to another thread.
   */
  readonly worker?: { readonly programmes: ProgrammesConfig; readonly readStoreUrl: string };
  /** The transparency log's checkpoint signing (TRANSPARENCY_KEY_FILE...); absent: the tree is kept, nothing is signed. */
  readonly transparency?: TransparencyCheckpointSettings;
}

/**
 * The API's read models. With a worker (default) the projection runner runs, supervised, in a
 * worker thread that reads the log through this thread's store; in-process it runs on this
 * thread. Either way: started after the server listens, restarted after a failure, stopped on
 * shutdown before the stores close. External: `apps/projector` keeps them and this only reads
 * their checkpoints.
 */
export class ReadModels implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadModels.name);
  private readonly projections: Projection[];
  private readonly supervisor: ProjectionSupervisor | WorkerProjector | undefined;
  readonly mode: ProjectorMode;

  constructor(private readonly options: ReadModelsOptions) {
    this.mode = options.mode === 'worker' && !options.worker ? 'in-process' : options.mode;
    // In-process, this thread signs the checkpoints; a worker signs its own (the settings go in its data).
    const checkpointing = this.mode === 'in-process' && options.transparency ? transparencyCheckpointing(options.transparency) : undefined;
    this.projections = readModelProjections({ registry: options.definitions, store: options.store, transparency: checkpointing?.projection });
    if (this.mode !== options.mode)
      this.logger.debug('PROJECTOR=worker: the definitions were given, not built from the environment; the runner runs in-process');
    const metrics = new ProjectionMetrics(options.registry, () => this.health(), { runner: this.mode !== 'external' });
    const { store, readStore } = options;
    const common = { store, readStore, projections: this.projections, logger: this.logger, onBatch: metrics.countBatch };
    if (this.mode === 'in-process') this.supervisor = new ProjectionSupervisor({ ...common, timedCheckpoints: checkpointing?.timer });
    else if (this.mode === 'worker' && options.worker)
      this.supervisor = new WorkerProjector({ ...common, worker: { ...options.worker, transparency: options.transparency } });
  }

  /** The projection worker (PROJECTOR=worker), for tests that crash it. */
  get worker(): WorkerProjector | undefined {
    return this.supervisor instanceof WorkerProjector ? this.supervisor : undefined;
  }

  /** The state of this process's runner, in its worker or in-process (undefined with PROJECTOR=external). */
  get runnerState(): string | undefined {
    return this.supervisor?.state;
  }

  /** Starts the runner (its worker) in the background (never blocks on the lease or a catch-up). */
  start(): void {
    this.supervisor?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.supervisor?.stop();
  }

  /** Position, head and lag of every projection, and whether they are kept (never throws). */
  async health(): Promise<ReadModelsHealth & { mode: ProjectorMode }> {
    const { store, readStore } = this.options;
    const health = this.supervisor
      ? await this.supervisor.health()
      : await readModelsHealth({ kind: readStore.dialect, statuses: () => projectionStatus(store, readStore, this.projections) });
    return { mode: this.mode, ...health };
  }

  /**
   * Read-your-writes: resolves once every projection has applied the log up to `position` (the
   * `X-Log-Position` of a command's answer). A position past the end of the log is a 400; not
   * reached within READ_MODEL_WAIT_MS, a 503 READ_MODEL_BEHIND.
   */
  async requirePosition(position: bigint, field = 'X-Min-Position'): Promise<void> {
    const { store, readStore, waitMs } = this.options;
    const names = this.projections.map((p) => p.name);
    if (BigInt(await checkpointOf(readStore.db, names)) >= position) return;
    // The last event even when the store cannot read it (a failed event of the projections, never a 500).
    const head = await store.headPosition();
    if (position > head) throw new ValidationError([{ field, message: `is past the end of the log (last position ${head})` }]);
    const reached = this.supervisor ? await this.supervisor.waitForPosition(position, waitMs) : await waitForCheckpoint(readStore, names, position, waitMs);
    if (!reached) throw new ReadModelBehind(position, await checkpointOf(readStore.db, names), waitMs);
  }
}
