import type { Kysely } from 'kysely';
import type { ReadDatabase } from '@apo/read-store';

/** A self-check finding to raise: what and where, as the self-check names it. */
export interface AlarmToRaise {
  readonly kind: string;
  readonly summary: string;
  /** What was found and where, as one string (`findingKey`): the same tamper raises one alarm. */
  readonly key: string;
  /** The finding itself, stored as JSON. */
  readonly detail: unknown;
}

/**
 * Records the findings not already recorded (open or acknowledged: a tamper an admin acknowledged
 * is not raised again by the next check), each as a new alarm, in one transaction; answers the ids
 * and keys of the new alarms. Ids are max + 1, so two processes racing meet the primary key, and the loser
 * retries from the start and finds the winner's rows.
 */
export async function raiseAlarms(db: Kysely<ReadDatabase>, findings: readonly AlarmToRaise[], detectedAt: Date): Promise<{ id: number; key: string }[]> {
  if (findings.length === 0) return [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const known = new Set((await trx.selectFrom('transparency_alarms').select('finding_key').execute()).map((row) => row.finding_key));
        const fresh = [...new Map(findings.filter((f) => !known.has(f.key)).map((f) => [f.key, f])).values()];
        if (fresh.length === 0) return [];
        const last = await trx
          .selectFrom('transparency_alarms')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst();
        const first = Number(last?.id ?? 0) + 1;
        const rows = fresh.map((f, i) => ({
          id: first + i,
          detected_at: detectedAt.toISOString(),
          kind: f.kind,
          summary: f.summary,
          detail: JSON.stringify(f.detail),
          finding_key: f.key,
          acknowledged_at: null,
          acknowledged_by: null,
          ack_reason: null,
        }));
        await trx.insertInto('transparency_alarms').values(rows).execute();
        return rows.map((row) => ({ id: row.id, key: row.finding_key }));
      });
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Who acknowledges, why, and which alarms (default: every open one). */
export interface Acknowledgement {
  readonly by: string;
  readonly reason: string;
  readonly at: Date;
  readonly ids?: readonly number[];
}

/** Marks open alarms acknowledged (by whom, when, why); answers the ids it marked. Acknowledged alarms stay as they were. */
export async function acknowledgeAlarms(db: Kysely<ReadDatabase>, ack: Acknowledgement): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    let open = trx.selectFrom('transparency_alarms').select('id').where('acknowledged_at', 'is', null);
    if (ack.ids) open = open.where('id', 'in', ack.ids.length > 0 ? [...ack.ids] : [-1]);
    const ids = (await open.orderBy('id').execute()).map((row) => Number(row.id));
    if (ids.length > 0)
      await trx
        .updateTable('transparency_alarms')
        .set({ acknowledged_at: ack.at.toISOString(), acknowledged_by: ack.by, ack_reason: ack.reason })
        .where('id', 'in', ids)
        .execute();
    return ids;
  });
}

/** The leaves the tree stored, from leaf 0 up to `upToSize` (what the self-check compares the log with to name a change). */
export async function storedLeaves(db: Kysely<ReadDatabase>, upToSize: number) {
  const rows = await db.selectFrom('transparency_leaves').selectAll().where('leaf_index', '<', String(upToSize)).orderBy('leaf_index').execute();
  return rows.map((row) => ({
    leafIndex: Number(row.leaf_index),
    position: BigInt(row.position),
    streamId: row.stream_id,
    revision: Number(row.revision),
    eventId: row.event_id,
    leafHash: row.leaf_hash,
  }));
}
