import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { bcnProjections } from '@apo/bcn-read-models';
import { coeProjections } from '@apo/coe-read-models';
import { deadlinesProjection, notificationOutboxProjection, transparencyLogProjection, type TransparencyLogProjectionOptions } from '@apo/shared-read-models';
import { SharedStreamFold, type RegistrySource } from '@apo/stream-folding';
import type { Projection } from '@apo/read-store';

export interface ReadModelDependencies {
  /** Every definition version of every programme, as the entry point configures them (closing dates). */
  readonly registry: DefinitionRegistry;
  /** The event store the runner follows: the projections that fold streams (COE overview, deadlines) read them back. */
  readonly store: Pick<EventStore, 'readStream'>;
  /** Where the rebuilds' fold worker threads (deadlines, COE overview) build their registry; false: fold on this thread (see `DeadlinesProjectionOptions`). */
  readonly foldWorker?: RegistrySource | false;
  /** Told when a rebuild's worker cannot fold and this thread folds instead; default: a process warning. */
  readonly onFoldWorkerFallback?: (error: Error) => void;
  /** The transparency log's hook (the checkpointer signs in the batch's transaction); default: the tree only. */
  readonly transparency?: TransparencyLogProjectionOptions;
}

/**
 * Every read model of every programme: what the runner keeps (API in-process, apps/projector),
 * what `coe projections status|rebuild` lists. Add a programme's projections here. The COE
 * overview and the deadlines derive their rows from one fold of each stream (`SharedStreamFold`).
 */
export const readModelProjections = ({ registry, store, foldWorker, onFoldWorkerFallback, transparency }: ReadModelDependencies): Projection[] => {
  const shared = new SharedStreamFold(registry, store);
  return [
    ...coeProjections({ registry, store, foldWorker, onFoldWorkerFallback, shared }),
    ...bcnProjections(),
    deadlinesProjection({ registry, store, foldWorker, onFoldWorkerFallback, shared }),
    notificationOutboxProjection(registry),
    transparencyLogProjection(transparency),
  ];
};

const NO_STORE: Pick<EventStore, 'readStream'> = {
  readStream: () => Promise.reject(new Error('readModelNames() projections apply nothing')),
};

/** The names of `readModelProjections`, in order, for help texts and argument checks (nothing to apply). */
export const readModelNames = (): string[] => readModelProjections({ registry: new DefinitionRegistry(), store: NO_STORE }).map((p) => p.name);
