import type { AnyWorkflowDefinition, DefinitionRegistry } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { InMemoryRebuild } from '@apo/read-store';
import type { FoldedStream, FoldLeader, WorkerFoldHooks } from './worker-fold-rebuild';

export interface FollowWorkerFoldOptions<Mark> extends Omit<WorkerFoldHooks<Mark>, 'write'> {
  /** Names the rebuild in errors. */
  readonly name: string;
  /** The entry point's registry: definitions of the events. */
  readonly registry: DefinitionRegistry;
  /** The worker fold it follows: it folds every stream this rebuild is handed (see `FoldLeader`). */
  readonly leader: FoldLeader;
  /** The stream's events before `event` (a stream not seen from its start), for `event`. */
  readonly readBack: (event: RecordedEvent) => Promise<RecordedEvent[]>;
  /** The rebuild on this thread, when the leader's worker cannot fold. */
  readonly inThread: () => InMemoryRebuild;
  /** Writes the rows of the streams changed since the previous write (no watched states: a follower asks for none). */
  readonly write: WorkerFoldHooks<Mark>['write'];
}

interface StreamMark<Mark> {
  definition: AnyWorkflowDefinition;
  revision: number;
  position: bigint;
  readonly mark: Mark;
}

/**
 * A from-zero rebuild that folds nothing itself: the leader's worker (`workerFoldRebuild` with
 * `leads`) folds each stream once, and this rebuild keeps per stream only what its hooks keep and
 * takes the states of its changed streams at each write. It is chosen only while the leader has
 * posted nothing, so both rebuilds stand at the same log position at every write (the runner folds
 * every rebuild's share of a batch before it writes any). When the leader's worker cannot fold,
 * this rebuild folds on this thread instead, from the batches it kept until the worker confirmed.
 */
export function followWorkerFold<Mark>(options: FollowWorkerFoldOptions<Mark>): InMemoryRebuild {
  const marks = new Map<string, StreamMark<Mark>>();
  let changed = new Set<string>();
  const tap = { wants: (streamId: string) => marks.has(streamId), pending: new Map<string, readonly [string, unknown]>() };
  const detach = options.leader.follow(tap);
  const definitionOf = (event: RecordedEvent): AnyWorkflowDefinition => {
    const meta = event.metadata as { definition: string; version: number };
    return options.registry.get(meta.definition, meta.version);
  };

  /** Batches folded before the leader's worker confirmed: the in-thread rebuild takes them if it cannot fold. */
  let kept: RecordedEvent[][] | undefined = [];
  let inThread: InMemoryRebuild | undefined;
  const decided = options.leader.confirmed.then(async (ok) => {
    const sent = kept ?? [];
    kept = undefined;
    if (ok) return;
    detach();
    const fallback = options.inThread();
    for (const events of sent) await fallback.fold(events);
    inThread = fallback;
  });
  decided.catch(() => undefined);

  async function mark(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      let held = marks.get(event.streamId);
      if (event.revision === 0 || held === undefined || held.revision !== event.revision - 1) {
        const earlier = event.revision > 0 ? await options.readBack(event) : [];
        const definition = definitionOf(earlier[0] ?? event);
        if (held === undefined) marks.set(event.streamId, (held = { definition, revision: -1, position: 0n, mark: options.mark() }));
        held.definition = definition;
        for (const e of earlier) options.event(held.mark, e, definition, true);
      }
      held.revision = event.revision;
      held.position = event.position;
      options.event(held.mark, event, held.definition, false);
      changed.add(event.streamId);
    }
  }

  return {
    async fold(events) {
      if (inThread) return inThread.fold(events);
      if (kept !== undefined) kept.push(events as RecordedEvent[]);
      await mark(events);
    },
    async write(trx) {
      await decided;
      if (inThread) return inThread.write(trx);
      await options.leader.flush();
      const folded = [...changed].map((streamId): FoldedStream<Mark> => {
        const held = marks.get(streamId) as StreamMark<Mark>;
        const state = tap.pending.get(streamId);
        if (state === undefined) throw new Error(`${options.name}: the fold it follows has not folded stream ${streamId}`);
        return { streamId, definition: held.definition, revision: held.revision, position: held.position, state: state[0], context: state[1], mark: held.mark };
      });
      changed = new Set();
      tap.pending.clear();
      await options.write(trx, folded, []);
    },
    finish() {
      detach();
      inThread?.finish?.();
    },
    dispose() {
      detach();
      inThread?.dispose?.();
    },
  };
}

/** A rebuild chosen when it is first used (the runner starts every rebuild before it folds any batch). */
export function chosenAtFirstUse(choose: () => InMemoryRebuild): InMemoryRebuild {
  let chosen: InMemoryRebuild | undefined;
  const rebuild = () => (chosen ??= choose());
  return {
    fold: (events) => rebuild().fold(events),
    write: (trx) => rebuild().write(trx),
    finish: () => chosen?.finish?.(),
    dispose: () => chosen?.dispose?.(),
  };
}
