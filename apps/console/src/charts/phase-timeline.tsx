/** One row of /reports/phase-history: a period a COE went through. */
export interface PeriodRow {
  readonly coeId: string;
  readonly period: string;
  readonly startedOn: string;
  readonly scheduledStart: string | null;
  readonly dueDate: string | null;
  readonly endedOn: string | null;
  readonly onSchedule: boolean | null;
}

export type PeriodStatus = 'on schedule' | 'late' | 'extended' | 'open' | 'ended';

/** The 1-3-1 plan: designation, three delivery years and replication last twelve months each from their scheduled start. */
const PLANNED_MONTHS: Readonly<Record<string, number>> = {
  designation: 12,
  'delivery.year1': 12,
  'delivery.year2': 12,
  'delivery.year3': 12,
  replication: 12,
};

const SHORT: Readonly<Record<string, string>> = {
  designated: 'L',
  designation: 'D',
  'delivery.year1': 'Y1',
  'delivery.year2': 'Y2',
  'delivery.year3': 'Y3',
  replication: 'R',
  'network.continuedSupport': 'N',
  'network.member': 'N',
};

/** A recorded date as a day: 2015-04 is the first of the month, 2015 the first of the year. */
export function dayOf(date: string): number {
  const [year, month = '01', day = '01'] = date.split('-');
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

const isoOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** When the plan says the period ends: twelve months after its scheduled start for the 1-3-1 periods, else its due date (if any). */
export function plannedEnd(row: PeriodRow): string | null {
  const months = PLANNED_MONTHS[row.period];
  if (months === undefined) return row.dueDate;
  const start = new Date(dayOf(row.scheduledStart ?? row.startedOn));
  return isoOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, start.getUTCDate()));
}

/** Late: ended after its due date, or still open past it; extended: due later than planned; open: not ended yet. */
export function periodStatus(row: PeriodRow, today: string): PeriodStatus {
  const planned = plannedEnd(row);
  if (row.onSchedule === false || (row.endedOn === null && row.dueDate !== null && dayOf(row.dueDate) < dayOf(today))) return 'late';
  if (row.dueDate !== null && planned !== null && dayOf(row.dueDate) > dayOf(planned)) return 'extended';
  if (row.onSchedule === true) return 'on schedule';
  return row.endedOn === null ? 'open' : 'ended';
}

const LABEL = 96;
const SPAN = 640;
const LANE = 44;
const TOP = 26;

/**
 * Each COE's periods on one time line (a Gantt-like lane per COE): the plan as a dashed outline above, what happened as a bar
 * below, its fill a pattern that says its status (solid on schedule, hatched late, dotted extended, white open) and its period
 * written inside. Every bar is an image whose name says the dates and the status in words.
 */
export function PhaseTimeline({ rows, today, title }: { rows: readonly PeriodRow[]; today: string; title: string }) {
  const coes = [...new Set(rows.map((row) => row.coeId))];
  const ends = rows.flatMap((row) => [row.startedOn, row.dueDate, row.endedOn ?? today, plannedEnd(row)].filter((d): d is string => d !== null));
  const first = Math.min(...ends.map(dayOf));
  const last = Math.max(...ends.map(dayOf));
  const from = Date.UTC(new Date(first).getUTCFullYear(), 0, 1);
  const to = Date.UTC(new Date(last).getUTCFullYear() + 1, 0, 1);
  const x = (date: string) => LABEL + ((dayOf(date) - from) / (to - from)) * SPAN;
  const years = Array.from({ length: new Date(to).getUTCFullYear() - new Date(from).getUTCFullYear() }, (_, i) => new Date(from).getUTCFullYear() + i);
  const height = TOP + coes.length * LANE + 4;
  return (
    <svg className="timeline" viewBox={`0 0 ${LABEL + SPAN + 8} ${height}`} width={LABEL + SPAN + 8} role="group" aria-label={title}>
      <defs>
        <pattern id="late-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="late-ground" />
          <line x1="0" y1="0" x2="0" y2="6" className="late-line" strokeWidth="3" />
        </pattern>
        <pattern id="extended-dots" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="extended-ground" />
          <circle cx="3" cy="3" r="1.6" className="extended-dot" />
        </pattern>
      </defs>
      {years.map((year) => {
        const at = x(`${year}-01-01`);
        return (
          <g key={year} aria-hidden="true">
            <line x1={at} x2={at} y1={TOP - 6} y2={height} className="year-line" />
            <text x={at + 3} y={TOP - 10} className="chart-axis">
              {year}
            </text>
          </g>
        );
      })}
      {coes.map((coeId, lane) => {
        const y = TOP + lane * LANE;
        return (
          <g key={coeId}>
            <text x={LABEL - 6} y={y + 22} textAnchor="end" className="chart-label">
              {coeId.length > 12 ? `${coeId.slice(0, 11)}…` : coeId}
            </text>
            {rows
              .filter((row) => row.coeId === coeId)
              .map((row) => (
                <PeriodBar key={`${row.period}-${row.startedOn}`} row={row} y={y} x={x} today={today} />
              ))}
          </g>
        );
      })}
    </svg>
  );
}

function PeriodBar({ row, y, x, today }: { row: PeriodRow; y: number; x: (date: string) => number; today: string }) {
  const status = periodStatus(row, today);
  const planned = plannedEnd(row);
  const start = x(row.startedOn);
  const width = Math.max(2, x(row.endedOn ?? today) - start);
  const plannedStart = x(row.scheduledStart ?? row.startedOn);
  const short = SHORT[row.period] ?? row.period;
  const label = `${row.coeId}, ${row.period}: ${row.startedOn} to ${row.endedOn ?? 'today (open)'}; planned to ${planned ?? 'no plan'}; due ${row.dueDate ?? 'no date'}; ${status}`;
  return (
    <g role="img" aria-label={label}>
      {planned && <rect x={plannedStart} y={y + 2} width={Math.max(2, x(planned) - plannedStart)} height={8} className="planned" />}
      <rect x={start} y={y + 13} width={width} height={18} className={`actual actual-${status.replace(' ', '-')}`} />
      {width > 22 && (
        <text x={start + width / 2} y={y + 23} textAnchor="middle" dominantBaseline="middle" className={`bar-text bar-text-${status.replace(' ', '-')}`}>
          {short}
        </text>
      )}
    </g>
  );
}

/** The legend: a swatch and a word for each status, and the plan's outline. */
export function TimelineLegend() {
  const items: [string, string][] = [
    ['planned', 'Planned (1-3-1 plan)'],
    ['actual actual-on-schedule', 'On schedule'],
    ['actual actual-late', 'Late'],
    ['actual actual-extended', 'Extended'],
    ['actual actual-open', 'Open'],
  ];
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([className, text]) => (
        <li key={text}>
          <svg width="28" height="14" aria-hidden="true">
            <rect x="1" y="1" width="26" height="12" className={className} />
          </svg>
          {text}
        </li>
      ))}
    </ul>
  );
}
