import { phaseOf, type PeriodKey } from '@apo/coe';
import { firstDay, lastDay, precisionOf } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { CoePhaseHistoryTable } from '@apo/read-store';
import { dataOf, meta, positionOf } from '@apo/stream-folding';
import { coeIdOf, daysBetween } from './coe-event';

type Row = CoePhaseHistoryTable;

/** One COE's phase history as its events build it: the row it is in, and the keys it has used. */
export interface CoePhases {
  open: Row | undefined;
  readonly keys: Set<string>;
}

export const noPhases = (): CoePhases => ({ open: undefined, keys: new Set() });

/** Events that end the row a COE is in, and the outcome each records (NextStageDecided: see `foldPhase`). */
const ENDINGS: Record<string, string> = {
  CoeLaunched: 'launched',
  PhaseAdvanced: 'advanced',
  CoeGraduated: 'graduated',
  CycleCompleted: 'cycleCompleted',
  CoeTerminated: 'terminated',
  CoeWithdrawn: 'withdrawn',
};

/** The event types the phase history reads (RecordCorrected: the COE's rows are built again). */
export const PHASE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CoeDesignated',
  'PhaseExtended',
  'NextStageDecided',
  'RecordCorrected',
  ...Object.keys(ENDINGS),
]);

/** The network stage a NextStageDecided enters (retired is an end). */
const STAGE_ROWS: Record<string, string | undefined> = { continuedSupport: 'network.continuedSupport', networkMember: 'network.member', retired: undefined };

const isDay = (date: string): boolean => precisionOf(date) === 'day';

/**
 * Ended by its due date (1), after it (0), or either as far as the dates say (null), a date known
 * to the month or year covering all its days (a due date is met up to its last day).
 */
function onSchedule(endedOn: string, dueDate: string | null): number | null {
  if (dueDate === null) return null;
  if (lastDay(endedOn) <= lastDay(dueDate)) return 1;
  return firstDay(endedOn) > lastDay(dueDate) ? 0 : null;
}

interface Entry {
  readonly period: string;
  readonly phase: string;
  readonly scheduledStart: string | null;
  readonly dueDate: string | null;
}

const periodEntry = (period: { key: PeriodKey; start: string; dueDate: string }): Entry => ({
  period: period.key,
  phase: phaseOf(period.key),
  scheduledStart: period.start,
  dueDate: period.dueDate,
});

/** The row the event enters, if it enters one. */
function entryOf(event: RecordedEvent, phases: CoePhases): Entry | undefined {
  const version = (event.metadata as { version?: number }).version;
  switch (event.type) {
    case 'CoeDesignated': {
      // Version 1 designates and launches at once; version 2 decides first ("designated, launching on ...").
      if (version === 1) return periodEntry(dataOf<{ period: { key: PeriodKey; start: string; dueDate: string } }>(event).period);
      const d = dataOf<{ governingBody: { decisionDate: string }; plannedLaunchDate: string }>(event);
      return { period: 'designated', phase: 'designated', scheduledStart: d.governingBody.decisionDate, dueDate: d.plannedLaunchDate };
    }
    case 'CoeLaunched':
    case 'PhaseAdvanced':
      return periodEntry(dataOf<{ period: { key: PeriodKey; start: string; dueDate: string } }>(event).period);
    case 'CycleCompleted':
      return { period: 'network.continuedSupport', phase: 'network', scheduledStart: dataOf<{ cycleEnd: string }>(event).cycleEnd, dueDate: null };
    case 'NextStageDecided': {
      const stage = STAGE_ROWS[dataOf<{ stage: string }>(event).stage];
      return stage === undefined || phases.open?.period.split('#')[0] === stage
        ? undefined
        : { period: stage, phase: 'network', scheduledStart: meta(event).effectiveDate, dueDate: null };
    }
    default:
      return undefined;
  }
}

/** The outcome with which the event ends the row a COE is in, if it ends it. */
function endingOf(event: RecordedEvent, phases: CoePhases): string | undefined {
  if (event.type !== 'NextStageDecided') return ENDINGS[event.type];
  const stage = dataOf<{ stage: string }>(event).stage;
  if (stage === 'retired') return 'retired';
  return STAGE_ROWS[stage] === phases.open?.period.split('#')[0] ? undefined : 'stageChanged';
}

/** A key not used yet: a network stage entered again gets `#2`, `#3`... */
function freshKey(period: string, keys: ReadonlySet<string>): string {
  if (!keys.has(period)) return period;
  let n = 2;
  while (keys.has(`${period}#${n}`)) n++;
  return `${period}#${n}`;
}

/**
 * Folds one event into a COE's phase history, handing every row it creates or changes to `keep`.
 * A row starts on the business date of the event entering it (as given: `2015-04` stays a month)
 * and ends on that of the event leaving it; a suspension does not end it. Version 2 adds the
 * `designated` row (decision to launch, due by the planned launch) and the network's stages
 * (`network.continuedSupport`, `network.member`: no due date), ended by another stage
 * (`stageChanged`), retirement, termination or withdrawal.
 */
export function foldPhase(phases: CoePhases, event: RecordedEvent, keep: (row: Row) => void): void {
  const current = phases.open;
  const on = meta(event).effectiveDate;
  if (event.type === 'PhaseExtended' && current) {
    const d = dataOf<{ dueDate?: string; until?: string }>(event);
    current.due_date = d.until ?? d.dueDate ?? current.due_date;
    current.position = positionOf(event);
    keep(current);
  }
  const outcome = endingOf(event, phases);
  if (outcome && current) {
    current.ended_on = on;
    current.duration_days = isDay(current.started_on) && isDay(on) ? daysBetween(current.started_on, on) : null;
    current.outcome = outcome;
    current.on_schedule = onSchedule(on, current.due_date);
    current.position = positionOf(event);
    keep(current);
    phases.open = undefined;
  }
  const entry = entryOf(event, { ...phases, open: current });
  if (entry) {
    const period = freshKey(entry.period, phases.keys);
    const row: Row = {
      coe_id: coeIdOf(event),
      period,
      phase: entry.phase,
      started_on: on,
      scheduled_start: entry.scheduledStart,
      due_date: entry.dueDate,
      ended_on: null,
      duration_days: null,
      outcome: 'open',
      on_schedule: null,
      position: positionOf(event),
    };
    phases.keys.add(period);
    phases.open = row;
    keep(row);
  }
}

/**
 * A COE's rows built again from its events as corrected (see `correctedEvents`), each stamped
 * with the position of the correction that made them so (the incremental feed then sees them).
 */
export function rebuiltPhases(facts: readonly RecordedEvent[], position: string): { phases: CoePhases; rows: Row[] } {
  const phases = noPhases();
  const rows = new Map<string, Row>();
  for (const fact of facts) if (PHASE_EVENT_TYPES.has(fact.type)) foldPhase(phases, fact, (row) => rows.set(row.period, row));
  for (const row of rows.values()) row.position = position;
  return { phases, rows: [...rows.values()] };
}
