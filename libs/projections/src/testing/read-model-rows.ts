import type { ReadStore, ReadTable } from '@apo/read-store';

/** Every read-model table with its key: what "row for row equal" compares (deliveries, checkpoints signed and alarms are not read models). */
export const READ_MODEL_KEYS: Readonly<
  Record<
    Exclude<ReadTable, 'projection_checkpoints' | 'projection_failed_events' | 'webhook_deliveries' | 'transparency_checkpoints' | 'transparency_alarms'>,
    readonly string[]
  >
> = {
  coe_overview: ['id'],
  coe_assessments: ['position'],
  coe_activity_counts: ['coe_id', 'year', 'category', 'kind'],
  coe_activity_participants: ['coe_id', 'year', 'economy'],
  coe_phase_history: ['coe_id', 'period'],
  coe_replications: ['position'],
  bcn_exchanges: ['id'],
  bcn_follow_ups: ['position'],
  deadlines: ['stream_id', 'deadline_key'],
  notification_outbox: ['position'],
  transparency_leaves: ['leaf_index'],
  transparency_nodes: ['level', 'node_index'],
};

/** Columns of int8 values (numbers in SQLite, strings in PostgreSQL): compared as strings. */
const BIGINT_COLUMNS = new Set(['position', 'leaf_index', 'node_index']);

/**
 * All rows of every read model, ordered by key, positions as strings (SQLite answers numbers,
 * PostgreSQL int8 strings), so two stores, or two dialects, compare with `toEqual`.
 */
export async function readModelRows(readStore: ReadStore): Promise<Record<string, Record<string, unknown>[]>> {
  const result: Record<string, Record<string, unknown>[]> = {};
  for (const [table, keys] of Object.entries(READ_MODEL_KEYS)) {
    let q = readStore.db.selectFrom(table as ReadTable).selectAll();
    for (const key of keys) q = q.orderBy(key as never);
    const rows = (await q.execute()) as Record<string, unknown>[];
    result[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, BIGINT_COLUMNS.has(k) ? String(v) : v])));
  }
  return result;
}
