import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import type { ReadStore, Projection } from '@apo/read-store';
import { ProjectionRunner } from '../runner/projection-runner';
import type { TestReadStoreTarget } from '@apo/read-store/testing';

export interface LiveProjectionsOptions {
  /** Temp directory prefix of the event store, e.g. 'coe-read-models-'. */
  readonly prefix: string;
  /** The projections, or a function of the event store (those that read it back, e.g. `readModelProjections`). */
  readonly projections: readonly Projection[] | ((store: EventStore) => readonly Projection[]);
  /** Events per batch (small values make a live build cross many batch boundaries). */
  readonly batchSize?: number;
  /** A rebuild's batches and writes (small values make a small log rebuild in memory, writing often). */
  readonly rebuildBatchSize?: number;
  readonly rebuildWriteEvents?: number;
}

/**
 * What the read-model suites share: an embedded event store in a temp directory (NORMAL: test
 * data), a read store of the given target, and a started runner following the log live.
 */
export class LiveProjections {
  store!: EventStore;
  readStore!: ReadStore;
  runner!: ProjectionRunner;
  private dir: string | undefined;
  private target: TestReadStoreTarget | undefined;

  constructor(
    private readonly makeTarget: () => TestReadStoreTarget,
    private readonly options: LiveProjectionsOptions,
  ) {}

  async start(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), this.options.prefix));
    this.store = await openSqliteEventStore({ dataDir: this.dir, synchronous: 'NORMAL' });
    this.target = this.makeTarget();
    this.readStore = await this.target.open();
    const { batchSize, rebuildBatchSize, rebuildWriteEvents } = this.options;
    const projections = typeof this.options.projections === 'function' ? this.options.projections(this.store) : this.options.projections;
    const sizes = Object.fromEntries(Object.entries({ batchSize, rebuildBatchSize, rebuildWriteEvents }).filter(([, value]) => value !== undefined));
    this.runner = new ProjectionRunner({ store: this.store, readStore: this.readStore, projections, ...sizes });
    await this.runner.start();
    return this;
  }

  /** Stops and removes whatever `start` got to (safe after a failed start). */
  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.readStore?.close();
    await this.store?.close();
    await this.target?.cleanup();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
