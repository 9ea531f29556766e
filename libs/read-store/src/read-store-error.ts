/**
 * Failures of a read store, each with a stable `code` so the API, the CLI and the projector can
 * react without parsing messages. Free of driver imports: callers can match on it anywhere.
 */
export type ReadStoreErrorCode =
  /** The URL is neither `postgres://...` nor a SQLite file path (`sqlite:<path>` or a plain path). */
  | 'READ_STORE_BAD_URL'
  /** The database could not be reached or opened (server down, wrong host, unwritable directory). */
  | 'READ_STORE_UNREACHABLE'
  /** The SQLite file is not a database or is damaged. */
  | 'READ_STORE_CORRUPT'
  /** The database was migrated by a newer version of this software. */
  | 'READ_STORE_SCHEMA_TOO_NEW'
  /** A query was asked with an impossible argument (negative offset, unknown projection...). */
  | 'READ_STORE_BAD_QUERY'
  /** The read store was closed. */
  | 'READ_STORE_CLOSED';

export class ReadStoreError extends Error {
  constructor(
    readonly code: ReadStoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReadStoreError';
  }
}
