import { ManualClock } from '@apo/engine';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { deadlinesProjection } from '@apo/shared-read-models';
import { ProjectionRunner } from '@apo/projections';
import { WorkflowService } from '@apo/workflow';
import { join } from 'node:path';
import { DeadlineScheduler } from '../deadline-scheduler';
import type { DeadlineLifeWorld } from './deadline-life';
import { memoryPersonalData } from '@apo/personal-data/testing';

export interface DeadlineWorld extends DeadlineLifeWorld {
  readonly readStore: ReadStore;
  close(): Promise<void>;
}

/**
 * An embedded event store and a SQLite read store under `dataDir` (durable: FULL), the deadlines
 * projection running, and `schedulers` schedulers, each with a workflow service of its own (as
 * if in processes of their own: they race through the store's expected revisions).
 */
export async function openDeadlineWorld(
  dataDir: string,
  options: { schedulers: number; start: string; writesRefused?: () => Promise<string | undefined> },
): Promise<DeadlineWorld> {
  const store = await openSqliteEventStore({ dataDir });
  const readStore = await openReadStore({ url: `sqlite:${join(dataDir, 'read.sqlite')}` });
  const registry = createRegistry();
  const clock = new ManualClock(`${options.start}T09:00:00Z`);
  const personalData = memoryPersonalData();
  const runner = new ProjectionRunner({ store, readStore, projections: [deadlinesProjection({ registry, store })] });
  await runner.start();
  const schedulers = Array.from(
    { length: options.schedulers },
    () =>
      new DeadlineScheduler({
        readStore,
        workflow: new WorkflowService(store, registry, clock, { personalData }),
        registry,
        clock,
        writesRefused: options.writesRefused,
      }),
  );
  return {
    store,
    readStore,
    runner,
    workflow: new WorkflowService(store, registry, clock, { personalData }),
    schedulers,
    clock,
    close: async () => {
      await Promise.all(schedulers.map((s) => s.stop()));
      await runner.stop();
      await readStore.close();
      await store.close();
    },
  };
}
