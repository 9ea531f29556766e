import type { CoeDesignatedData, PhaseAdvancedData, PhaseExtendedData, Period } from '@apo/coe';
import { phaseOf } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';
import type { CoePhaseHistoryTable } from '../read-store/tables';
import { keyLookup } from '../read-store/stored-text';
import { chunked, upsertRows } from '../read-store/write-rows';
import type { Projection } from '../runner/projection';
import { coeIdOf, daysBetween, dataOf, distinct, isCoeEvent, meta, positionOf } from './coe-event';

type Row = CoePhaseHistoryTable;

/** Events that leave a period, and the outcome each records. */
const ENDINGS: Record<string, string> = {
  PhaseAdvanced: 'advanced',
  CoeGraduated: 'graduated',
  CoeTerminated: 'terminated',
  CoeWithdrawn: 'withdrawn',
};
const HANDLED = new Set(['CoeDesignated', 'PhaseExtended', ...Object.keys(ENDINGS)]);

const entered = (coeId: string, period: Period, event: RecordedEvent): Row => ({
  coe_id: coeId,
  period: period.key,
  phase: phaseOf(period.key),
  started_on: meta(event).effectiveDate,
  scheduled_start: period.start,
  due_date: period.dueDate,
  ended_on: null,
  duration_days: null,
  outcome: 'open',
  on_schedule: null,
  position: positionOf(event),
});

/**
 * Folds one event into the COEs' open periods (`open`, by COE id), handing every row it creates
 * or changes to `keep`.
 */
function foldPeriod(open: Map<string, Row>, keep: (row: Row) => void, event: RecordedEvent): void {
  const coeId = coeIdOf(event);
  const current = open.get(coeId);
  if (event.type === 'PhaseExtended' && current) {
    current.due_date = dataOf<PhaseExtendedData>(event).dueDate;
    current.position = positionOf(event);
    keep(current);
  }
  const outcome = ENDINGS[event.type];
  if (outcome && current) {
    const endedOn = meta(event).effectiveDate;
    current.ended_on = endedOn;
    current.duration_days = daysBetween(current.started_on, endedOn);
    current.outcome = outcome;
    current.on_schedule = endedOn <= current.due_date ? 1 : 0;
    current.position = positionOf(event);
    keep(current);
    open.delete(coeId);
  }
  if (event.type === 'CoeDesignated' || event.type === 'PhaseAdvanced') {
    const row = entered(coeId, dataOf<CoeDesignatedData | PhaseAdvancedData>(event).period, event);
    open.set(coeId, row);
    keep(row);
  }
}

const keyOf = (row: Row) => `${row.coe_id}\u0000${row.period}`;

/**
 * One row per period a COE entered: when it really started (the entering event's business date)
 * against the calendar, when and how it ended, and whether that was by the (extended) due date.
 * A suspension does not end a period: the COE returns to it.
 */
export const coePhaseHistoryProjection: Projection = {
  name: 'coe-phase-history',
  version: 2,
  tables: ['coe_phase_history'],
  handles: (event) => HANDLED.has(event.type) && isCoeEvent(event),
  async apply(trx, events) {
    const open = new Map<string, Row>();
    const keys = keyLookup(distinct(events.map(coeIdOf)));
    for (const chunk of chunked(keys.stored)) {
      const rows = await trx.selectFrom('coe_phase_history').selectAll().where('coe_id', 'in', chunk).where('ended_on', 'is', null).execute();
      for (const row of rows) open.set(keys.raw(row.coe_id), { ...row, duration_days: null, on_schedule: null });
    }
    const changed = new Map<string, Row>();
    for (const event of events) foldPeriod(open, (row) => changed.set(keyOf(row), row), event);
    await upsertRows(trx, 'coe_phase_history', ['coe_id', 'period'], [...changed.values()]);
  },
  rebuildInMemory() {
    // Only open periods change: ended ones are let go once written.
    const open = new Map<string, Row>();
    let changed = new Map<string, Row>();
    return {
      fold(events) {
        for (const event of events) foldPeriod(open, (row) => changed.set(keyOf(row), row), event);
      },
      async write(trx) {
        const rows = [...changed.values()];
        changed = new Map();
        await upsertRows(trx, 'coe_phase_history', ['coe_id', 'period'], rows);
      },
    };
  },
};
