import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { StreamFolds } from './stream-folds';
import type { FoldLeader } from './worker/worker-fold-rebuild';

/**
 * One fold per stream for the read models that derive rows from whole states (the COE overview
 * and the deadlines): live, one `StreamFolds` evolves each event once and both read models take
 * the state after it (`stateAfter`); in a rebuild from zero, the deadlines' worker folds every
 * stream (`leader`, while it runs) and the overview's rebuild follows it (`followWorkerFold`)
 * when both start together, as they do in a full rebuild.
 */
export class SharedStreamFold {
  readonly folds: StreamFolds;
  /** The worker fold other rebuilds may follow, while it runs. */
  leader: FoldLeader | undefined;

  constructor(registry: DefinitionRegistry, store: Pick<EventStore, 'readStream'>, cacheSize?: number) {
    this.folds = new StreamFolds(registry, store, cacheSize);
  }
}
