import {
  checkChain,
  evolve,
  GENESIS_HASH,
  initialState,
  StreamIntegrityError,
  type AnyWorkflowDefinition,
  type DefinitionRegistry,
  type EnvelopedEvent,
  type WorkflowState,
} from '@apo/engine';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@apo/event-store';
import { asIntegrityError, BrokenStreams } from './broken-streams';
import type { SnapshotCache } from './snapshot-cache';
import type { CachedStream, StreamCache } from './stream-cache';

/**
 * How `WorkflowService` gets a stream's state: from the memory cache plus the stream's tail, the
 * latest snapshot that matches the log plus the events after it, or a fold from the start. Every
 * stored event it folds is first checked against the hash chain (`checkChain`), starting from
 * the state it folds onto; events this process sealed itself (`remember` after an append) are
 * not re-hashed. A stream that fails is refused from then on (`BrokenStreams`): never cached,
 * never folded, its `StreamIntegrityError` thrown to every later load.
 */
export class StreamLoader {
  private readonly broken: BrokenStreams;
  private snapshotsTrusted = true;

  constructor(
    private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
    private readonly cache: StreamCache,
    private readonly snapshots: SnapshotCache | undefined,
    onIntegrityFailure: (error: StreamIntegrityError, definition: string) => void,
  ) {
    this.broken = new BrokenStreams((error) => onIntegrityFailure(error, definitionOf(registry, error.streamId)));
  }

  /** The memory-cached state (unchecked against the tail); undefined for a refused stream. */
  cached(streamId: string): CachedStream | undefined {
    this.broken.assertIntact(streamId);
    return this.cache.get(streamId);
  }

  async load(streamId: string, latest: AnyWorkflowDefinition): Promise<CachedStream> {
    this.broken.assertIntact(streamId);
    try {
      return await this.loadChecked(streamId, latest);
    } catch (error) {
      throw this.refusing(error, streamId);
    }
  }

  /** `readStream` of the stream's first events, checked from the start (a retried command's first answer). */
  async readChecked(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      const events = await this.store.readStream(streamId, options);
      if (options.fromRevision === undefined) checkChain(streamId, { revision: -1, hash: GENESIS_HASH }, events);
      return events;
    } catch (error) {
      throw this.refusing(error, streamId);
    }
  }

  /** See `WorkflowService.checkFromGenesisUntil`. */
  checkFromGenesisUntil(done: Promise<unknown>): void {
    this.snapshotsTrusted = false;
    const trust = () => {
      this.snapshotsTrusted = true;
    };
    done.then(trust, trust);
  }

  /** See `WorkflowService.refuse`. */
  refuse(error: StreamIntegrityError): StreamIntegrityError {
    const refused = this.broken.add(error);
    this.cache.delete(error.streamId);
    return refused;
  }

  brokenStreams(): StreamIntegrityError[] {
    return this.broken.list();
  }

  /** Folds `events` onto `base` (unless `folded`, the state they fold to, is known) and caches the result. */
  remember(streamId: string, base: CachedStream, events: readonly EnvelopedEvent[], folded?: WorkflowState): CachedStream {
    let state = base.state;
    // Only appended (true) facts are added, so sharing the map between concurrent loads is safe.
    const commands = base.commands as Map<string, number>;
    for (const event of events) {
      if (!folded) state = evolve(state, event);
      commands.set(event.metadata.commandId, event.revision);
    }
    if (folded) state = folded;
    const entry = { state, commands };
    // A load that was under way when the stream was refused does not put it back.
    if (!this.broken.has(streamId)) this.cache.set(streamId, entry);
    this.snapshots?.folded(streamId, base.state.revision, entry);
    return entry;
  }

  private async loadChecked(streamId: string, latest: AnyWorkflowDefinition): Promise<CachedStream> {
    const cached = this.cache.get(streamId);
    if (cached) {
      const tail = (await this.store.readStream(streamId, { fromRevision: cached.state.revision + 1 })) as unknown as EnvelopedEvent[];
      if (tail.length === 0) return cached;
      checkChain(streamId, { revision: cached.state.revision, hash: cached.state.lastHash }, tail);
      return this.remember(streamId, cached, tail);
    }
    const restored = this.snapshotsTrusted ? await this.snapshots?.load(this.store, streamId) : undefined;
    if (restored) {
      // The snapshot's own event is re-hashed too (its stored hash is what matched the snapshot);
      // its prevHash, from before the snapshot, is taken as stored.
      const { anchor, tail } = restored;
      checkChain(streamId, { revision: anchor.revision - 1, hash: String(anchor.metadata.prevHash) }, [anchor, ...tail]);
      return this.remember(streamId, restored.base, tail);
    }
    const events = (await this.store.readStream(streamId)) as unknown as EnvelopedEvent[];
    if (events.length === 0) return { state: initialState(latest), commands: new Map() };
    checkChain(streamId, { revision: -1, hash: GENESIS_HASH }, events);
    const base: CachedStream = { state: initialState(this.registry.get(events[0].metadata.definition, events[0].metadata.version)), commands: new Map() };
    return this.remember(streamId, base, events);
  }

  /** A failed load or read: a chain break (or an unreadable event) of the stream refuses it. */
  private refusing(error: unknown, streamId: string): unknown {
    const found = asIntegrityError(error, streamId);
    return found instanceof StreamIntegrityError && found.streamId === streamId ? this.refuse(found) : found;
  }
}

/** The workflow a stream belongs to by its prefix ("unknown" for one that belongs to none). */
function definitionOf(registry: DefinitionRegistry, streamId: string): string {
  try {
    return registry.forStream(streamId).name;
  } catch {
    return 'unknown';
  }
}
