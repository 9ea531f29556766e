/**
 * The snapshot cache port: the folded state of a stream at some revision, so a cold load folds
 * only the events after it. A cache, never a source of truth: `WorkflowService` uses a snapshot
 * only when the stream's own event at `revision` carries `lastHash` and the same definition
 * version, and otherwise folds the whole stream (and writes a fresh snapshot over the bad one).
 */
export interface StreamSnapshot {
  readonly streamId: string;
  /** Revision of the last event folded into it. */
  readonly revision: number;
  /** Hash of that event (its `metadata.hash`), checked against the log before use. */
  readonly lastHash: string;
  /** The workflow definition and version the stream was written with. */
  readonly definition: string;
  readonly version: number;
  /** Opaque JSON written and read by WorkflowService (machine snapshot and command index). */
  readonly body: string;
}

export interface SnapshotStore {
  /** The latest snapshot of the stream, if any. */
  get(streamId: string): Promise<StreamSnapshot | undefined>;
  /** Replaces the stream's snapshot (even by an older one: the service only writes what it folded from the log). */
  put(snapshot: StreamSnapshot): Promise<void>;
}

/** Snapshots in process memory (tests, or one process that wants cheap re-folds after cache eviction). */
export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, StreamSnapshot>();

  async get(streamId: string): Promise<StreamSnapshot | undefined> {
    return this.snapshots.get(streamId);
  }

  async put(snapshot: StreamSnapshot): Promise<void> {
    this.snapshots.set(snapshot.streamId, snapshot);
  }

  get size(): number {
    return this.snapshots.size;
  }
}
