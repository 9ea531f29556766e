import type { Kysely } from 'kysely';
import type { ReadDatabase, Projection } from '@apo/read-store';
import { clearFailedEvents } from './failed-events';

export interface Checkpoint {
  readonly version: number;
  /** Last position applied or examined; null: nothing yet (subscribe from the start). */
  readonly position: bigint | null;
  readonly lastRecordedAt: string | null;
}

export const toBigInt = (value: string | number | null | undefined): bigint | null => (value === null || value === undefined ? null : BigInt(value));

export async function loadCheckpoints(db: Kysely<ReadDatabase>): Promise<Map<string, Checkpoint>> {
  const rows = await db.selectFrom('projection_checkpoints').select(['name', 'version', 'position', 'last_recorded_at']).execute();
  return new Map(rows.map((r) => [r.name, { version: Number(r.version), position: toBigInt(r.position), lastRecordedAt: r.last_recorded_at }]));
}

/** Empties the projection's tables, forgets its failed events and puts its checkpoint back to the start, at its current version. */
export async function resetProjection(trx: Kysely<ReadDatabase>, projection: Projection): Promise<void> {
  for (const table of projection.tables) await trx.deleteFrom(table).execute();
  await clearFailedEvents(trx, projection.name);
  const now = new Date().toISOString();
  await trx
    .insertInto('projection_checkpoints')
    .values({ name: projection.name, version: projection.version, position: null, last_recorded_at: null, rebuilt_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ version: projection.version, position: null, last_recorded_at: null, rebuilt_at: now, updated_at: now }),
    )
    .execute();
}

/** Moves the named checkpoints to `position` (inside the batch's transaction). */
export async function advanceCheckpoints(trx: Kysely<ReadDatabase>, names: readonly string[], position: bigint, lastRecordedAt: string | null): Promise<void> {
  if (names.length === 0) return;
  await trx
    .updateTable('projection_checkpoints')
    .set({
      position: position.toString(),
      updated_at: new Date().toISOString(),
      ...(lastRecordedAt === null ? {} : { last_recorded_at: lastRecordedAt }),
    })
    .where('name', 'in', names)
    .execute();
}
