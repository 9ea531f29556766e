import type { RecordedEvent } from '@apo/event-store';
import { sql, type Kysely } from 'kysely';
import type { ReadDatabase, Projection } from '@apo/read-store';
import { failedEvent, type FailedEvent } from './failed-events';
import { isInfrastructureError } from './infrastructure-error';

/**
 * Runs `work` in a savepoint of the batch's transaction: undefined when it succeeded, else the
 * data error it threw, with its writes rolled back. An infrastructure error is thrown on (the
 * runner stops and is retried), and so is any failure of the savepoint statements themselves.
 */
export async function inSavepoint(trx: Kysely<ReadDatabase>, work: () => Promise<void>): Promise<unknown> {
  await sql`SAVEPOINT apo_apply`.execute(trx);
  try {
    await work();
  } catch (error) {
    if (isInfrastructureError(error)) throw error;
    await sql`ROLLBACK TO SAVEPOINT apo_apply`.execute(trx);
    await sql`RELEASE SAVEPOINT apo_apply`.execute(trx);
    return error ?? new Error('the projection threw undefined');
  }
  await sql`RELEASE SAVEPOINT apo_apply`.execute(trx);
  return undefined;
}

/**
 * Applies `events` so that an event the projection cannot apply does not stop it: all at once in
 * a savepoint, and when that throws on data, again in halves, each in its own savepoint, down to
 * the single events that fail. Those are skipped (nothing of theirs is written) and returned; the
 * others are applied in log order (a half is done, failures and all, before the next), so the
 * rows are what `apply` leaves after the same events without the failed ones. One bad event in a
 * batch of n costs about 2 log2(n) attempts.
 */
export async function applyIsolated(trx: Kysely<ReadDatabase>, projection: Projection, events: readonly RecordedEvent[]): Promise<FailedEvent[]> {
  const failed: FailedEvent[] = [];
  const attempt = async (part: readonly RecordedEvent[]): Promise<void> => {
    if (part.length === 0) return;
    const error = await inSavepoint(trx, () => projection.apply(trx, part));
    if (error === undefined) return;
    if (part.length === 1) {
      failed.push(failedEvent(projection.name, part[0], error));
      return;
    }
    const half = Math.ceil(part.length / 2);
    await attempt(part.slice(0, half));
    await attempt(part.slice(half));
  };
  await attempt(events);
  return failed;
}
