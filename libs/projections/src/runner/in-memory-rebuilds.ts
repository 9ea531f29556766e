import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import type { ReadDatabase } from '../read-store/tables';
import type { InMemoryRebuild, Projection } from './projection';

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
    if (rebuild) this.held.set(projection.name, { rebuild, folded: null, lastRecordedAt: null, writtenAt: null, unwritten: 0 });
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

  /** Folds the projection's share of a batch of `read` log events ending at `upTo`. */
  async fold(name: string, events: readonly RecordedEvent[], upTo: bigint, lastRecordedAt: string | null, read: number): Promise<void> {
    const held = this.get(name);
    if (events.length > 0) await held.rebuild.fold(events);
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

  /** Writes what was folded since the last write (inside the transaction that moves the checkpoint to `folded`). */
  write(trx: Kysely<ReadDatabase>, name: string): Promise<void> {
    return this.get(name).rebuild.write(trx);
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
