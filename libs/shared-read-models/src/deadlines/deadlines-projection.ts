import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { type DeadlinesTable, type ReadDatabase, keyLookup, chunked, deleteRows, upsertRows, type Projection } from '@apo/read-store';
import { deadlineRow, isNotice, openByKey, prefixOf, type NoticeData } from './deadline-rows';
import { deadlinesRebuild } from './deadlines-rebuild';
import { deadlinesWorkerRebuild } from './deadlines-worker-rebuild';
import { DEFAULT_FOLD_REGISTRY } from '../every-programme-fold-registry';
import { FOLD_CACHE_SIZE, StreamFolds, type RegistrySource, type SharedStreamFold } from '@apo/stream-folding';

type Row = DeadlinesTable;

export const DEADLINES_PROJECTION = 'deadlines';

/** The deadlines' fold cache (see `FOLD_CACHE_SIZE`; a rebuild from zero holds every stream's state itself and leaves the last ones here). */
export const DEADLINES_CACHE_SIZE = FOLD_CACHE_SIZE;

export interface DeadlinesProjectionOptions {
  /** Every definition version streams may have been written with (the API's, with its closing dates). */
  readonly registry: DefinitionRegistry;
  /** Where a stream is read back to fold it when the cache does not hold its previous revision. */
  readonly store: Pick<EventStore, 'readStream'>;
  readonly cacheSize?: number;
  /**
   * A rebuild from zero folds the streams' XState machines in a worker thread, built from this
   * registry source (default: every programme's definitions; only the machines are used there,
   * checked against `registry`'s, so closing dates need not match); false folds on this thread.
   */
  readonly foldWorker?: RegistrySource | false;
  /**
   * Told when a rebuild's worker cannot fold these definitions (or cannot start) and the rebuild
   * folds on this thread instead (same rows, slower). Default: a process warning on stderr.
   */
  readonly onFoldWorkerFallback?: (error: Error) => void;
  /** The fold it shares with the COE overview (one fold per stream; its rebuild's worker leads); default: a fold of its own. */
  readonly shared?: SharedStreamFold;
}

/**
 * `deadlines`: one row per OPEN deadline of every instance whose definition has a deadline
 * policy (COE assessments and proposals, BCN windows, report, follow-up). The rows are exactly
 * `policy.open(state, context)` of the stream folded with its own definition version, so a met or
 * moot deadline's row is deleted, a moved due date (an extension) resets the row's notices, and
 * a notice event (`AssessmentFellDue`, ...) appends its stage to the row it names. The scheduler
 * reads this table to decide which notices are due.
 *
 * Folding needs the state before each event: a bounded cache holds the last folded state per
 * stream, used only when it is exactly one revision behind the event; otherwise the stream is
 * read back from the store (revisions 0 to the event's, exclusive) and folded. A rebuild from
 * zero folds in memory instead and writes each stream's rows once per write (`deadlinesRebuild`).
 */
export function deadlinesProjection(options: DeadlinesProjectionOptions): Projection {
  const { registry, store } = options;
  const cacheSize = options.cacheSize ?? DEADLINES_CACHE_SIZE;
  const folds = options.shared?.folds ?? new StreamFolds(registry, store, cacheSize, 'deadlines');
  const foldWorker = options.foldWorker ?? DEFAULT_FOLD_REGISTRY;
  const prefixes: ReadonlySet<string> = new Set(
    registry
      .all()
      .filter((d) => d.deadlines !== undefined)
      .map((d) => d.streamPrefix),
  );

  return {
    name: DEADLINES_PROJECTION,
    version: 1,
    tables: ['deadlines'],
    handles: (event) => prefixes.has(prefixOf(event.streamId)),
    async apply(trx, events) {
      // A stream's first event here at revision 0 means it can have no rows yet: only the others are read back.
      const firstRevision = new Map<string, number>();
      for (const event of events) if (!firstRevision.has(event.streamId)) firstRevision.set(event.streamId, event.revision);
      const loaded = await loadRows(
        trx,
        [...firstRevision].filter(([, revision]) => revision > 0).map(([id]) => id),
      );
      // Per stream, the rows as they stand after the events so far (key -> row).
      const current = new Map<string, Map<string, Row>>();
      for (const id of firstRevision.keys()) current.set(id, new Map((loaded.get(id) ?? []).map((r) => [r.deadline_key, r])));

      for (const event of events) {
        const state = await folds.stateAfter(event);
        const rows = current.get(event.streamId) as Map<string, Row>;
        const policy = state.definition.deadlines;
        const open = openByKey(policy, state.state, state.context);
        for (const key of [...rows.keys()]) if (!open.has(key)) rows.delete(key);
        for (const deadline of open.values()) {
          const before = rows.get(deadline.key);
          // A moved due date is a new deadline as far as notices go.
          const notices = before && before.due_date === deadline.dueDate ? before.notices : '';
          rows.set(deadline.key, deadlineRow(event.streamId, deadline, notices, event.revision, event.position.toString()));
        }
        if (policy && isNotice(policy.kinds, event.type)) {
          const notice = event.data as unknown as NoticeData;
          const row = rows.get(notice.deadline);
          if (row && row.due_date === notice.dueDate) {
            const stages = row.notices === '' ? [] : row.notices.split(',');
            if (!stages.includes(notice.stage)) row.notices = [...stages, notice.stage].join(',');
          }
        }
      }

      const removed: Pick<Row, 'stream_id' | 'deadline_key'>[] = [];
      for (const [stream, rows] of current) {
        for (const row of loaded.get(stream) ?? []) if (!rows.has(row.deadline_key)) removed.push({ stream_id: stream, deadline_key: row.deadline_key });
      }
      await deleteRows(trx, 'deadlines', removed);
      await upsertRows(
        trx,
        'deadlines',
        ['stream_id', 'deadline_key'],
        [...current.values()].flatMap((rows) => [...rows.values()]),
      );
    },
    rebuildInMemory: () => {
      const inThread = () =>
        deadlinesRebuild({
          foldBefore: (event) => folds.foldBefore(event),
          finish: (states) => {
            for (const [streamId, state] of states) folds.remember(streamId, state);
          },
        });
      if (foldWorker === false) return inThread();
      return deadlinesWorkerRebuild({
        registry,
        source: foldWorker,
        readBack: (event) => folds.readBack(event),
        inThread,
        onFallback: options.onFoldWorkerFallback ?? warnFoldWorkerFallback,
        handoverLimit: cacheSize,
        leads: options.shared,
        finish: (states) => {
          for (const [streamId, state] of states) folds.handOver(streamId, state);
        },
      });
    },
  };
}

function warnFoldWorkerFallback(error: Error): void {
  process.emitWarning(`the deadlines rebuild folds on the main thread instead of its worker (same rows, slower): ${error.message}`, {
    code: 'APO_DEADLINES_FOLD_WORKER',
  });
}

async function loadRows(trx: Kysely<ReadDatabase>, streams: readonly string[]): Promise<Map<string, Row[]>> {
  const rows = new Map<string, Row[]>();
  const keys = keyLookup(streams);
  for (const chunk of chunked(keys.stored)) {
    const found = await trx
      .selectFrom('deadlines')
      .selectAll()
      .where('stream_id', 'in', chunk)
      .orderBy('stream_id')
      .orderBy('due_date')
      .orderBy('deadline_key')
      .execute();
    for (const row of found) {
      const stream = keys.raw(row.stream_id);
      const list = rows.get(stream) ?? [];
      list.push({ ...row, revision: Number(row.revision), position: String(row.position) });
      rows.set(stream, list);
    }
  }
  return rows;
}
