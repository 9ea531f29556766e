import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import type { ReadDatabase, InMemoryRebuild, Projection } from '@apo/read-store';
import type { FailedEvent } from './failed-events';

interface Held {
  readonly rebuild: InMemoryRebuild;
  /** Last position folded (null: nothing yet). */
  folded: bigint | null;
  /** recordedAt of the last event folded (null: none yet). */
  lastRecordedAt: string | null;
  /** Position of the last write (null: none yet). */
  writtenAt: bigint | null;
  /** Log events read since the last write. */
  unwritten: number;
  /** Events it could not read since the last write: recorded with it. */
  failed: FailedEvent[];
}

/**
 * The runner's from-zero rebuilds that fold in memory (`Projection.rebuildInMemory`): how far
 * each has folded, ahead of its stored checkpoint, and when it is due to write.
 */
export class InMemoryRebuilds {
  private readonly held = new Map<string, Held>();

  /** `writeEvery`: log events folded between two writes. */
  constructor(private readonly writeEvery: number) {}

  /** Starts folding `projection` from zero (its tables empty) if it can; forgets any earlier fold of it. */
  start(projection: Projection): void {
    this.drop(projection.name);
    const rebuild = projection.rebuildInMemory?.();
    if (rebuild) this.held.set(projection.name, { rebuild, folded: null, lastRecordedAt: null, writtenAt: null, unwritten: 0, failed: [] });
  }

  drop(name: string): void {
    this.held.get(name)?.rebuild.dispose?.();
    this.held.delete(name);
  }

  /** Abandons every rebuild (the runner stopped or failed). */
  clear(): void {
    for (const name of [...this.held.keys()]) this.drop(name);
  }

  has(name: string): boolean {
    return this.held.has(name);
  }

  /** How far a projection folding in memory has got; undefined for the others. */
  folded(name: string): bigint | null | undefined {
    return this.held.get(name)?.folded;
  }

  /** recordedAt of the last event folded, for the checkpoint a write moves. */
  lastRecordedAt(name: string): string | null {
    return this.get(name).lastRecordedAt;
  }

  /**
   * Folds the projection's share of a batch of `read` log events ending at `upTo`, and keeps the
   * failures of the events it could not read for the next write. A fold that throws leaves the
   * rebuild unusable (its rows may hold part of an event): the runner drops it.
   */
  async fold(
    name: string,
    events: readonly RecordedEvent[],
    failed: readonly FailedEvent[],
    upTo: bigint,
    lastRecordedAt: string | null,
    read: number,
  ): Promise<void> {
    const held = this.get(name);
    if (events.length > 0) await held.rebuild.fold(events);
    held.failed.push(...failed);
    held.folded = upTo;
    held.lastRecordedAt = lastRecordedAt ?? held.lastRecordedAt;
    held.unwritten += read;
  }

  /** Whether to write now: the rebuild reached `until` (its end), or enough was folded since the last write. */
  due(name: string, until: bigint | undefined): boolean {
    const held = this.get(name);
    return (until !== undefined && held.folded !== null && held.folded >= until) || held.unwritten >= this.writeEvery;
  }

  /** Names of those that folded past their last write. */
  unwrittenNames(): string[] {
    return [...this.held].filter(([, held]) => held.folded !== held.writtenAt).map(([name]) => name);
  }

  /**
   * Writes what was folded since the last write (inside the transaction that moves the checkpoint
   * to `folded`), and hands back the failures to record with it. Rows can be taken only once: a
   * write whose transaction does not commit leaves the rebuild unusable.
   */
  async write(trx: Kysely<ReadDatabase>, name: string): Promise<FailedEvent[]> {
    const held = this.get(name);
    await held.rebuild.write(trx);
    const failed = held.failed;
    held.failed = [];
    return failed;
  }

  /** After the write's transaction committed; a finished rebuild hands over and is forgotten. */
  written(name: string, finished: boolean): void {
    const held = this.get(name);
    held.unwritten = 0;
    held.writtenAt = held.folded;
    if (!finished) return;
    this.held.delete(name);
    held.rebuild.finish?.();
  }

  private get(name: string): Held {
    const held = this.held.get(name);
    if (!held) throw new Error(`no in-memory rebuild of ${name}`);
    return held;
  }
}
