import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@apo/event-store';
import type { ReadDatabase, ReadTable } from './tables';

/**
 * A read model kept from the global log. The runner hands it events in batches, inside one
 * read-database transaction that also moves its checkpoint, so `apply` should do few, large
 * statements (load the rows the batch touches, change them in memory, write them back once).
 */
export interface Projection {
  /** Stable name: the key of its checkpoint. */
  readonly name: string;
  /** Bump when the meaning of its rows changes: the runner then rebuilds it from zero. */
  readonly version: number;
  /** Tables it owns (emptied on a rebuild). */
  readonly tables: readonly ReadTable[];
  /** Whether an event concerns it; by stream as well as type, since workflows may share names. */
  handles(event: { readonly streamId: string; readonly type: string }): boolean;
  /** Applies events in log order; `trx` is the batch's transaction (never commit it here). */
  apply(trx: Kysely<ReadDatabase>, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Optional, for a rebuild from zero (empty tables, checkpoint at the start): fold the log in
   * memory and write each row once per write instead of reading and rewriting it every batch.
   * Without it the runner rebuilds with `apply`, batch by batch.
   */
  rebuildInMemory?(): InMemoryRebuild;
}

/**
 * A from-zero rebuild held in memory. The runner hands `fold` the projection's events from the
 * first one on, batch by batch in log order, and now and then calls `write` in a transaction
 * that also moves the checkpoint to the last event folded: the rows written must then be
 * exactly what `apply` would have left after the same events, so a crash between two writes
 * (the checkpoint still at the previous one) loses folded work, never correctness.
 */
export interface InMemoryRebuild {
  /** Folds events into the rows held in memory; writes nothing. */
  fold(events: readonly RecordedEvent[]): void | Promise<void>;
  /** Writes the rows that changed since the previous write (the first: since the empty tables). */
  write(trx: Kysely<ReadDatabase>): Promise<void>;
  /** Called once after the last write, the tables caught up: hand anything worth keeping to `apply`. */
  finish?(): void;
  /** Called instead of `finish` when the rebuild is abandoned (started again, the runner stopped or failed): let go of threads or memory. */
  dispose?(): void;
}
