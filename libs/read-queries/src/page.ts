import type { Kysely, Transaction } from 'kysely';
import { type ReadStore, ReadStoreError, type ReadDatabase } from '@apo/read-store';

/** A page of a read model: `position` is how far the log has been applied to what you see. */
export interface Page<T> {
  readonly items: T[];
  /** Rows matching the filters, all pages together. */
  readonly total: number;
  /** Lowest checkpoint of the projections behind the rows (decimal string; "0": none applied). */
  readonly position: string;
}

export interface PageOptions {
  /** 1-10,000; default 100. */
  readonly limit?: number;
  /** Default 0. */
  readonly offset?: number;
  /** Only rows changed by an event after this global position; rows then come in position order. */
  readonly sincePosition?: string | bigint;
}

export const MAX_LIMIT = 10_000;

export function checkPage(options: PageOptions): { limit: number; offset: number; since: string | undefined } {
  const limit = options.limit ?? 100;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badQuery(`limit must be an integer from 1 to ${MAX_LIMIT}`, { limit });
  if (!Number.isInteger(offset) || offset < 0) throw badQuery('offset must be a non-negative integer', { offset });
  const since = options.sincePosition === undefined ? undefined : String(options.sincePosition);
  if (since !== undefined && !/^\d{1,19}$/.test(since)) throw badQuery('sincePosition must be a decimal position', { sincePosition: since });
  return { limit, offset, since };
}

export const badQuery = (message: string, details: Record<string, unknown>) => new ReadStoreError('READ_STORE_BAD_QUERY', message, details);

/**
 * Runs a page's queries (count, rows, checkpoint) in one read transaction, so the total, the
 * rows and the position describe the same moment even while the runner writes.
 */
export async function readPage<T>(
  readStore: ReadStore,
  projections: readonly string[],
  read: (trx: Transaction<ReadDatabase>) => Promise<{ items: T[]; total: number }>,
): Promise<Page<T>> {
  return readStore.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const result = await read(trx);
      return { ...result, position: await checkpointOf(trx, projections) };
    });
}

export async function checkpointOf(db: Kysely<ReadDatabase>, projections: readonly string[]): Promise<string> {
  const rows = await db.selectFrom('projection_checkpoints').select(['name', 'position']).where('name', 'in', projections).execute();
  if (rows.length < projections.length || rows.some((r) => r.position === null)) return '0';
  return rows
    .map((r) => BigInt(r.position as string | number))
    .reduce((a, b) => (a < b ? a : b))
    .toString();
}

export const toNumber = (value: unknown): number => Number(value);
export const toPositionString = (value: unknown): string => String(value);
export const toBoolean = (value: unknown): boolean | null => (value === null || value === undefined ? null : Number(value) === 1);
