import { evolve, fold, initialState, type AnyWorkflowDefinition, type DefinitionRegistry, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { HandedOverState } from './worker/revive-state';

/** What a projection that reads streams back needs: every definition version they may have been written with, and the store. */
export interface StreamDependencies {
  /** Every definition version streams may have been written with (the entry point's, with its settings). */
  readonly registry: DefinitionRegistry;
  /** Where a stream is read back (to fold it, or to find what a correction corrects). */
  readonly store: Pick<EventStore, 'readStream'>;
}

/**
 * Folded streams kept between events (and batches): an LRU of this many streams by default. A
 * folded COE state holds ~1.4 KB of heap, so the default costs ~30 MB at most. A stream missing
 * from the cache is read back and folded from its start, so a catch-up interleaving more live
 * streams than this pays a read-back per stream per batch.
 */
export const FOLD_CACHE_SIZE = 20_000;

/**
 * States after recent events, by stream and revision, so that the read models sharing one fold
 * (`SharedStreamFold`: the COE overview and the deadlines, each applying the same batch in turn)
 * evolve each event once. A state is dropped when the second read model takes it, and at most a
 * live batch's worth (the runner's 1,000, twice over) is kept for events only one model handles:
 * each state holds its instance's whole context, and 10,000 of them grew the API by ~60 MiB under
 * the HTTP bench. A state dropped too early is only refolded (`stateBefore`), never wrong.
 */
const RECENT_STATES = 2_000;

/** Least-recently-used folded states by stream id (some handed over by a rebuild's worker, revived on first use). */
class FoldedStreams {
  private readonly entries = new Map<string, WorkflowState | HandedOverState>();
  constructor(private readonly capacity: number) {}

  get(streamId: string): WorkflowState | undefined {
    let entry = this.entries.get(streamId);
    if (entry) {
      if (!('definition' in entry)) entry = entry.revive();
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, state: WorkflowState): void {
    this.entries.delete(streamId);
    // A finished instance takes no more events: its place is better spent on a live one.
    if (state.snapshot.status === 'done') return;
    this.add(streamId, state);
  }

  /** A state handed over after a rebuild, unless a newer one is cached already (live events may come first). */
  handOver(streamId: string, state: WorkflowState | HandedOverState): void {
    const cached = this.entries.get(streamId);
    if (cached && cached.revision > state.revision) return;
    this.entries.delete(streamId);
    this.add(streamId, state);
  }

  private add(streamId: string, state: WorkflowState | HandedOverState): void {
    this.entries.set(streamId, state);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/**
 * What a projection that folds whole streams through their own definition version needs (the
 * deadlines, the COE overview): the state before an event, from a bounded cache when it holds
 * exactly the previous revision, otherwise read back from the store and folded from the start.
 * States are immutable and a revision's state is the same whoever folds it, so a cache that runs
 * ahead of a batch being applied again (a rollback, a rebuild in place) only costs a read-back.
 */
export class StreamFolds {
  private readonly cache: FoldedStreams;
  // XState's initial transition builds an actor on every call; states are immutable, so one per definition does.
  private readonly initial = new Map<AnyWorkflowDefinition, WorkflowState>();
  private readonly recent = new Map<string, WorkflowState>();

  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly store: Pick<EventStore, 'readStream'>,
    cacheSize = FOLD_CACHE_SIZE,
    private readonly label = 'fold',
  ) {
    this.cache = new FoldedStreams(cacheSize);
  }

  /** The definition version an event was written with. */
  definitionOf(event: { metadata: object }): AnyWorkflowDefinition {
    const meta = event.metadata as { definition: string; version: number };
    return this.registry.get(meta.definition, meta.version);
  }

  /** The stream's events before `event` (revisions 0 to the event's, exclusive), read back from the store. */
  async readBack(event: RecordedEvent): Promise<RecordedEvent[]> {
    const earlier = await this.store.readStream(event.streamId, { fromRevision: 0, maxCount: event.revision });
    if (earlier.length !== event.revision || earlier[0].revision !== 0) {
      throw new Error(`${this.label}: stream ${event.streamId} read back ${earlier.length} events before revision ${event.revision}`);
    }
    return earlier;
  }

  initialOf(definition: AnyWorkflowDefinition): WorkflowState {
    let state = this.initial.get(definition);
    if (state === undefined) this.initial.set(definition, (state = initialState(definition)));
    return state;
  }

  /** The stream folded up to `event.revision - 1` (the initial state before revision 0), from its start. */
  async foldBefore(event: RecordedEvent): Promise<WorkflowState> {
    if (event.revision === 0) return this.initialOf(this.definitionOf(event));
    const earlier = (await this.readBack(event)) as unknown as EnvelopedEvent[];
    const definition = this.definitionOf(earlier[0]);
    return fold(definition, earlier, this.initialOf(definition));
  }

  /** The stream folded up to `event.revision - 1`: the cached state when it is that one. */
  stateBefore(event: RecordedEvent): WorkflowState | Promise<WorkflowState> {
    const cached = this.cache.get(event.streamId);
    if (cached && cached.revision === event.revision - 1) return cached;
    return this.recent.get(recentKey(event.streamId, event.revision - 1)) ?? this.foldBefore(event);
  }

  /** The stream folded up to `event` (evolved once, whichever read model asks first), remembered for its next event. */
  async stateAfter(event: RecordedEvent): Promise<WorkflowState> {
    const key = recentKey(event.streamId, event.revision);
    const known = this.recent.get(key);
    if (known) {
      this.recent.delete(key);
      return known;
    }
    const state = evolve(await this.stateBefore(event), event as unknown as EnvelopedEvent);
    this.remember(event.streamId, state);
    this.recent.set(key, state);
    if (this.recent.size > RECENT_STATES) this.recent.delete(this.recent.keys().next().value as string);
    return state;
  }

  /** Keeps a stream's latest folded state for its next event. */
  remember(streamId: string, state: WorkflowState): void {
    this.cache.set(streamId, state);
  }

  /** A state a finished rebuild hands over, unless a newer one is cached already. */
  handOver(streamId: string, state: WorkflowState | HandedOverState): void {
    this.cache.handOver(streamId, state);
  }
}

const recentKey = (streamId: string, revision: number): string => `${revision}:${streamId}`;
