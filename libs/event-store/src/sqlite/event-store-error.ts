/**
 * Infrastructure failures of an event store, each with a stable `code` so callers (HTTP edge,
 * CLI, operators) can react without parsing messages. Concurrency conflicts are not here: they
 * are the engine's `ConcurrencyError`, and bad input is the engine's `ValidationError`.
 *
 * Deliberately free of driver imports so any adapter can throw it.
 */
export type EventStoreErrorCode =
  /** Another process (or another open handle) holds the store. */
  | 'STORE_LOCKED'
  /** The file is not a SQLite database, is damaged, or belongs to another application. */
  | 'STORE_CORRUPT'
  /** The file was written by a newer version of this software; upgrade before opening it. */
  | 'STORE_SCHEMA_TOO_NEW'
  /** The store was closed; open it again. */
  | 'STORE_CLOSED'
  /** Event ids already stored, but not as an exact retry of this append (see `appendToStream`). */
  | 'DUPLICATE_EVENT_ID'
  /**
   * The disk refused the write (full, read-only, I/O error); the append was not acknowledged.
   * Nothing of the batch was stored, except after a failed fsync, where the store refuses every
   * later append too and the batch may or may not be in the log once it is reopened.
   */
  | 'STORE_IO';

export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreError';
  }
}
