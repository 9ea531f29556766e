import { evolve, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import {
  chosenAtFirstUse,
  distinct,
  FOLD_CACHE_SIZE,
  followWorkerFold,
  StreamFolds,
  workerFoldRebuild,
  type FoldedStream,
  type RegistrySource,
  type SharedStreamFold,
  type StreamDependencies,
} from '@apo/stream-folding';
import { COE_FOLD_REGISTRY } from './coe-fold-registry';
import { type ReadDatabase, keyLookup, chunked, upsertRows, type InMemoryRebuild, type Projection } from '@apo/read-store';
import { coeIdOf, isCoeEvent } from './coe-event';
import { overviewRow, v1FactsOfRow } from './coe-overview-row';
import { foldV1Facts, NO_V1_FACTS, type CoeV1Facts } from './coe-v1-description';

export const COE_OVERVIEW_PROJECTION = 'coe-overview';

export interface CoeOverviewOptions extends StreamDependencies {
  readonly cacheSize?: number;
  /**
   * A rebuild from zero folds the COE streams in a worker thread, built from this registry source
   * (default: every COE definition version, `COE_FOLD_REGISTRY`; only the machines are used there); false folds on
   * this thread (see `DeadlinesProjectionOptions.foldWorker`).
   */
  readonly foldWorker?: RegistrySource | false;
  /** Told when a rebuild's worker cannot fold these definitions and this thread folds instead. Default: a process warning. */
  readonly onFoldWorkerFallback?: (error: Error) => void;
  /** The fold it shares with the deadlines (one fold per stream); default: a fold of its own. */
  readonly shared?: SharedStreamFold;
}

/** A COE as the projection holds it between its events: folded state, version 1 facts, last event. */
interface Held {
  folded: WorkflowState;
  facts: CoeV1Facts;
  last: RecordedEvent;
}

/** What this thread keeps of a COE while a worker folds it. */
interface WorkerMark {
  facts: CoeV1Facts;
  last?: RecordedEvent;
}

function warnFoldWorkerFallback(error: Error): void {
  process.emitWarning(`the coe-overview rebuild folds on the main thread instead of its worker (same rows, slower): ${error.message}`, {
    code: 'APO_OVERVIEW_FOLD_WORKER',
  });
}

/** The rebuild folding every COE stream on this thread (no worker, or one that cannot fold these definitions). */
function inThreadRebuild(folds: StreamFolds): InMemoryRebuild {
  const streams = new Map<string, Held>();
  let changed = new Set<string>();
  return {
    async fold(events) {
      for (const event of events) {
        const id = coeIdOf(event);
        const held = streams.get(id);
        const before = held && held.folded.revision === event.revision - 1 ? held.folded : await folds.foldBefore(event);
        const folded = evolve(before, event as unknown as EnvelopedEvent);
        const facts = foldV1Facts(held?.facts ?? NO_V1_FACTS, event);
        if (held) Object.assign(held, { folded, facts, last: event });
        else streams.set(id, { folded, facts, last: event });
        changed.add(id);
      }
    },
    async write(trx) {
      const rows = [...changed].map((id) => {
        const held = streams.get(id) as Held;
        return overviewRow(id, held.folded, held.facts, held.last);
      });
      changed = new Set();
      await upsertRows(trx, 'coe_overview', ['id'], rows);
    },
    finish() {
      for (const held of streams.values()) folds.remember(held.last.streamId, held.folded);
    },
  };
}

async function loadFacts(trx: Kysely<ReadDatabase>, ids: readonly string[]): Promise<Map<string, CoeV1Facts>> {
  const facts = new Map<string, CoeV1Facts>();
  const keys = keyLookup(ids);
  for (const chunk of chunked(keys.stored)) {
    const rows = await trx
      .selectFrom('coe_overview')
      .select(['id', 'nominating_npo', 'host_institution', 'host_type', 'governing_body_decisions'])
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) facts.set(keys.raw(row.id), v1FactsOfRow(row));
  }
  return facts;
}

/**
 * `coe-overview`: one row per COE, written from its stream folded with the definition version
 * it was written with (`overviewRow`: the definition's describe(), completed for version 1 from
 * its events, and the earliest deadline the definition holds open), so it shows whatever a
 * version knows (version 2's designation before the launch, the network, corrections) without
 * re-implementing its rules, and says what GET /coes/:id says. Folds like the deadlines read
 * model (`StreamFolds`: cached states, read back on a miss); a rebuild from zero folds every
 * stream in a worker thread (`workerFoldRebuild`; on this thread when it cannot) and writes each
 * changed row once per write.
 */
export function coeOverviewProjection(options: CoeOverviewOptions): Projection {
  const folds = options.shared?.folds ?? new StreamFolds(options.registry, options.store, options.cacheSize, COE_OVERVIEW_PROJECTION);
  return {
    name: COE_OVERVIEW_PROJECTION,
    version: 2,
    tables: ['coe_overview'],
    handles: isCoeEvent,
    async apply(trx, events) {
      // A COE's first event creates its row: only the others need their facts read back.
      const stored = await loadFacts(trx, distinct(events.filter((e) => e.revision > 0).map(coeIdOf)));
      const latest = new Map<string, Held>();
      for (const event of events) {
        const id = coeIdOf(event);
        const folded = await folds.stateAfter(event);
        const facts = foldV1Facts(latest.get(id)?.facts ?? stored.get(id) ?? NO_V1_FACTS, event);
        latest.set(id, { folded, facts, last: event });
      }
      await upsertRows(
        trx,
        'coe_overview',
        ['id'],
        [...latest].map(([id, held]) => overviewRow(id, held.folded, held.facts, held.last)),
      );
    },
    rebuildInMemory() {
      const inThread = () => inThreadRebuild(folds);
      if (options.foldWorker === false) return inThread();
      const source = options.foldWorker ?? COE_FOLD_REGISTRY;
      const readBack = (event: RecordedEvent) => folds.readBack(event);
      const hooks = {
        mark: (): WorkerMark => ({ facts: NO_V1_FACTS }),
        event(mark: WorkerMark, event: RecordedEvent) {
          // A stream read back from its start folds its facts again.
          mark.facts = foldV1Facts(event.revision === 0 ? NO_V1_FACTS : mark.facts, event);
          mark.last = event;
          return false;
        },
        write: (trx: Kysely<ReadDatabase>, changed: readonly FoldedStream<WorkerMark>[]) =>
          upsertRows(
            trx,
            'coe_overview',
            ['id'],
            changed.map(({ mark, definition, state, context }) =>
              overviewRow(coeIdOf(mark.last as RecordedEvent), { definition, state, context }, mark.facts, mark.last as RecordedEvent),
            ),
          ),
      };
      const ownWorker = () =>
        workerFoldRebuild<WorkerMark>({
          ...hooks,
          name: COE_OVERVIEW_PROJECTION,
          registry: options.registry,
          folds: (definition) => definition.streamPrefix === 'coe',
          source,
          readBack,
          inThread,
          onFallback: options.onFoldWorkerFallback ?? warnFoldWorkerFallback,
          handoverLimit: options.cacheSize ?? FOLD_CACHE_SIZE,
          finish: (states) => {
            for (const [streamId, state] of states) folds.handOver(streamId, state);
          },
        });
      const { shared } = options;
      if (!shared) return ownWorker();
      // Rebuilt together with the deadlines (a full rebuild): their worker folds the COE streams once for both.
      return chosenAtFirstUse(() => {
        const leader = shared.leader;
        if (!leader?.joinable) return ownWorker();
        return followWorkerFold<WorkerMark>({ ...hooks, name: COE_OVERVIEW_PROJECTION, registry: options.registry, leader, readBack, inThread });
      });
    },
  };
}
