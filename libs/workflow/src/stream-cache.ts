import type { WorkflowState } from '@apo/engine';

/** A folded instance plus the command ids already in its stream (for idempotent retries). */
export interface CachedStream {
  readonly state: WorkflowState;
  readonly commands: ReadonlyMap<string, number>;
}

/**
 * Least-recently-used cache of folded streams keyed by stream id. A hit is still checked
 * against the store's tail, so the cache can be stale but never wrong.
 */
export class StreamCache {
  private readonly entries = new Map<string, CachedStream>();
  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): CachedStream | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: CachedStream): void {
    const current = this.entries.get(streamId);
    if (current && current.state.revision > entry.state.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
