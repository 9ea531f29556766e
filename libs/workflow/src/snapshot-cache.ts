import { stateToString, type DefinitionRegistry, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { createActor } from 'xstate';
import type { SnapshotStore, StreamSnapshot } from './snapshot-store';
import type { CachedStream } from './stream-cache';

/** Bumped when the body of a snapshot changes shape: older snapshots are then ignored. */
const SNAPSHOT_FORMAT = 1;

interface SnapshotBody {
  readonly format: number;
  /** XState's `getPersistedSnapshot` (value, context, deep history by state node id). */
  readonly machine: unknown;
  /** The stream's command ids with the revision of each one's last event (idempotent retries). */
  readonly commands: readonly (readonly [string, number])[];
}

/**
 * Snapshots for cold loads, over a {@link SnapshotStore}: a fold that passes a multiple of
 * `every` events queues the stream's state, and a load starts from the latest snapshot that still
 * matches the log. A cache: a snapshot never overrules the log, and a failing store only costs a
 * full fold (`onError` hears of it).
 */
export class SnapshotCache {
  /** Streams whose state is waiting to be written (the newest state of each). */
  private readonly pending = new Map<string, CachedStream>();
  private writing: Promise<void> | undefined;

  constructor(
    private readonly snapshots: SnapshotStore,
    private readonly registry: DefinitionRegistry,
    private readonly every = 100,
    private readonly onError: (error: unknown, streamId: string) => void = () => undefined,
  ) {
    if (!Number.isInteger(every) || every < 1) throw new TypeError('snapshotEvery must be a positive integer');
  }

  /**
   * The stream's snapshot and the events after it, or undefined when there is none or it does not
   * match the log: the event at the snapshot's revision must exist with the snapshot's hash and
   * definition. That event (`anchor`) is read with the tail, so the check costs no extra round
   * trip; the caller checks the chain from it.
   */
  async load(store: EventStore, streamId: string): Promise<{ base: CachedStream; anchor: EnvelopedEvent; tail: EnvelopedEvent[] } | undefined> {
    let snapshot: StreamSnapshot | undefined;
    try {
      snapshot = await this.snapshots.get(streamId);
    } catch (error) {
      this.onError(error, streamId);
      return undefined;
    }
    if (!snapshot || snapshot.streamId !== streamId) return undefined;
    const events = (await store.readStream(streamId, { fromRevision: snapshot.revision })) as unknown as EnvelopedEvent[];
    const anchor = events[0];
    if (
      anchor === undefined ||
      anchor.revision !== snapshot.revision ||
      anchor.metadata.hash !== snapshot.lastHash ||
      anchor.metadata.definition !== snapshot.definition ||
      anchor.metadata.version !== snapshot.version
    ) {
      return undefined;
    }
    const base = this.restore(snapshot);
    return base && { base, anchor, tail: events.slice(1) };
  }

  /** After a fold from revision `from` to `stream`: queues a snapshot if it passed a multiple of `every`. */
  folded(streamId: string, from: number, stream: CachedStream): void {
    const to = stream.state.revision;
    if (to < this.every || Math.floor(from / this.every) >= Math.floor(to / this.every)) return;
    // Written after the command has answered (next turn of the event loop), in one batch.
    this.pending.set(streamId, stream);
    this.writing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.writePending());
  }

  /** Resolves when the snapshots queued so far are written (tests; before closing the stores). */
  async written(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** A snapshot back into a folded stream; undefined if its body cannot be used. */
  private restore(snapshot: StreamSnapshot): CachedStream | undefined {
    try {
      const body = JSON.parse(snapshot.body) as SnapshotBody;
      if (body.format !== SNAPSHOT_FORMAT) return undefined;
      const definition = this.registry.get(snapshot.definition, snapshot.version);
      // restoreSnapshot (via createActor, which does not start the actor) revives deep history.
      const machine = createActor(definition.machine, { snapshot: body.machine as never }).getSnapshot();
      const state: WorkflowState = {
        definition,
        snapshot: machine,
        state: stateToString(machine.value),
        context: machine.context,
        revision: snapshot.revision,
        lastHash: snapshot.lastHash,
      };
      return { state, commands: new Map(body.commands) };
    } catch {
      return undefined;
    }
  }

  private async writePending(): Promise<void> {
    const pending = [...this.pending];
    this.pending.clear();
    this.writing = undefined;
    await Promise.all(
      pending.map(async ([streamId, stream]) => {
        try {
          await this.snapshots.put(encode(streamId, stream));
        } catch (error) {
          this.onError(error, streamId);
        }
      }),
    );
  }
}

function encode(streamId: string, { state, commands: all }: CachedStream): StreamSnapshot {
  const commands: [string, number][] = [];
  // The shared map may already hold later commands: keep those the snapshot's state has seen.
  for (const entry of all) if (entry[1] <= state.revision) commands.push(entry);
  const body: SnapshotBody = { format: SNAPSHOT_FORMAT, machine: state.definition.machine.getPersistedSnapshot(state.snapshot), commands };
  return {
    streamId,
    revision: state.revision,
    lastHash: state.lastHash,
    definition: state.definition.name,
    version: state.definition.version,
    body: JSON.stringify(body),
  };
}
