import type { Kysely } from 'kysely';
import { type ReadDatabase, insertNewRows } from '@apo/read-store';

/**
 * An event a projection could not apply: its `apply` (or its in-memory fold) threw on it, or the
 * store cannot read it (`UnreadableEvent`). The projection skipped it and went on; it stays listed
 * until the projection is rebuilt from zero, which meets it again if it still fails.
 */
export interface FailedEvent {
  readonly projection: string;
  /** Global log position (decimal string). */
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  /** Null when the store could not tell. */
  readonly type: string | null;
  readonly error: string;
  /** When a runner first met it (ISO instant). */
  readonly firstSeenAt: string;
}

/** Longest error text kept (a worker's stack trace can be long). */
const ERROR_CHARS = 1_000;

const describe = (error: unknown): string => {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > ERROR_CHARS ? `${text.slice(0, ERROR_CHARS)}...` : text;
};

/** `projection` failed on `event` with `error`, met now. */
export function failedEvent(
  projection: string,
  event: { readonly streamId: string; readonly revision: number; readonly position: bigint; readonly type?: string },
  error: unknown,
): FailedEvent {
  return {
    projection,
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision,
    type: event.type ?? null,
    error: describe(error),
    firstSeenAt: new Date().toISOString(),
  };
}

/** Records failures in the batch's transaction; one met before keeps its first record. */
export async function recordFailedEvents(trx: Kysely<ReadDatabase>, failures: readonly FailedEvent[]): Promise<void> {
  if (failures.length === 0) return;
  await insertNewRows(
    trx,
    'projection_failed_events',
    ['projection', 'position'],
    failures.map((f) => ({
      projection: f.projection,
      position: f.position,
      stream_id: f.streamId,
      revision: f.revision,
      event_type: f.type,
      error: f.error,
      first_seen_at: f.firstSeenAt,
    })),
  );
}

/** A rebuild from zero forgets the projection's failures: it meets again those that still fail. */
export async function clearFailedEvents(trx: Kysely<ReadDatabase>, projection: string): Promise<void> {
  await trx.deleteFrom('projection_failed_events').where('projection', '=', projection).execute();
}

export interface RecordedFailures {
  /** Failures recorded per projection. */
  readonly counts: ReadonlyMap<string, number>;
  /** The first `limit` of each projection, by position. */
  readonly first: ReadonlyMap<string, FailedEvent[]>;
}

/** What the read store lists, for status and health (any process). */
export async function loadFailedEvents(db: Kysely<ReadDatabase>, limit: number): Promise<RecordedFailures> {
  const counts = await db
    .selectFrom('projection_failed_events')
    .select(['projection', (eb) => eb.fn.countAll<string | number>().as('count')])
    .groupBy('projection')
    .execute();
  const first = new Map<string, FailedEvent[]>();
  for (const { projection } of counts) {
    const rows = await db.selectFrom('projection_failed_events').selectAll().where('projection', '=', projection).orderBy('position').limit(limit).execute();
    first.set(
      projection,
      rows.map((r) => ({
        projection: r.projection,
        position: String(r.position),
        streamId: r.stream_id,
        revision: Number(r.revision),
        type: r.event_type,
        error: r.error,
        firstSeenAt: r.first_seen_at,
      })),
    );
  }
  return { counts: new Map(counts.map((c) => [c.projection, Number(c.count)])), first };
}
