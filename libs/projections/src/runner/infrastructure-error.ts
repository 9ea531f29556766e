import { ReadStoreError } from '@apo/read-store';

/**
 * Whether an error thrown while a projection applied events says the machinery failed (a lost
 * connection or lease, a busy or full disk, a closed store, a schema the code does not match)
 * rather than that an event does not fit the projection. The first must stop the runner, to be
 * restarted and retried as it is; only the second makes an event a failed event that the
 * projection skips. Anything not recognised here counts as the event's fault: a projection's own
 * TypeError, an `UnreadableEvent` read back, a value the database refuses (SQLSTATE classes 21, 22
 * and 23, SQLITE_CONSTRAINT, _MISMATCH, _TOOBIG, _RANGE). A connection that really died also fails
 * the savepoint rollback that follows, and stops the runner all the same.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (error instanceof ReadStoreError) return true;
  if (!(error instanceof Error)) return false;
  if (INFRASTRUCTURE_NAMES.has(error.name)) return true;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) return !SQLITE_DATA.test(code);
    // pg's DatabaseError: a SQLSTATE and a severity.
    if (SQLSTATE.test(code) && 'severity' in error) return !PG_DATA_CLASSES.has(code.slice(0, 2));
    // Node's system errors (ECONNRESET, EPIPE, ETIMEDOUT...).
    if ('syscall' in error || 'errno' in error) return true;
  }
  return INFRASTRUCTURE_MESSAGES.test(error.message);
}

/** The event stores' errors (SQLite adapter) and the EventStoreDB client's transport errors. */
const INFRASTRUCTURE_NAMES = new Set([
  'EventStoreError',
  'UnavailableError',
  'DeadlineExceededError',
  'CancelledError',
  'TimeoutError',
  'NotLeaderError',
  'AccessDeniedError',
  'NotAuthenticatedError',
  'UnknownError',
]);
const SQLITE_DATA = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Cardinality violation (one upsert touching a row twice), data exception, integrity constraint violation. */
const PG_DATA_CLASSES = new Set(['21', '22', '23']);
/** pg's client and pool, Kysely's driver, the EventStoreDB adapter: messages without a code. */
const INFRASTRUCTURE_MESSAGES =
  /Connection terminated|Client was closed|not queryable|connection error|driver has already been destroyed|event store is closed|timeout exceeded when trying to connect/i;
