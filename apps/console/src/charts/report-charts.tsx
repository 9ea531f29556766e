import { useState } from 'react';
import type { ChartKind, ReportSpec } from '../views/reports-catalog';
import type { Row } from '../views/reports-table';
import { BarChart, barsSummary, tally, type Bar } from './bar-chart';
import { ChartFrame } from './chart-frame';
import { periodStatus, PhaseTimeline, plannedEnd, TimelineLegend, type PeriodRow } from './phase-timeline';
import { ScoreChart, SCORES, type Score, type ScoreRow } from './score-chart';
import { COE_PHASES, ECONOMIES, valuesOf, wordFor, type Choices } from '../views/choices';
import './charts.css';

const PHASES = valuesOf(COE_PHASES);
const plural =
  (one: string, many = `${one}s`) =>
  (n: number) =>
    n === 1 ? one : many;
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const text = (value: unknown, none = '(none)'): string => (value === null || value === undefined || value === '' ? none : String(value));

/** Charts of counts, drawn from every row matching the filters (the time line and the scores draw the page shown). */
export const COUNTS: ReadonlySet<ChartKind> = new Set<ChartKind>([
  'coes-by-phase',
  'coes-by-economy',
  'activities-per-year',
  'participants-per-year',
  'bcn-windows',
]);

/**
 * The charts of a report: counts from `all` the matching rows once they are read (until then, and for the other charts, the
 * page's `rows`, and the summary says so); each with a title, a sentence and its data as a table.
 */
export function ReportCharts({ report, rows, total, all }: { report: ReportSpec; rows: readonly Row[]; total: number; all?: readonly Row[] }) {
  if (rows.length === 0 || report.charts.length === 0) return null;
  return (
    <div className="charts">
      {report.charts.map((kind) => {
        const whole = COUNTS.has(kind) && all !== undefined;
        const drawn = whole ? all : rows;
        const scope = drawn.length < total ? ` (the ${drawn.length} rows ${whole ? 'read' : 'on this page'} of ${total})` : '';
        return <Chart key={kind} kind={kind} report={report} rows={drawn} scope={scope} />;
      })}
    </div>
  );
}

/** Bars labelled with the words a person reads ("Under review", "Malaysia") instead of the API's codes. */
const inWords = <V extends string>(bars: readonly Bar[], words: Choices<V>): Bar[] => bars.map((bar) => ({ ...bar, label: wordFor(words, bar.label) }));

function Chart({ kind, report, rows, scope }: { kind: ChartKind; report: ReportSpec; rows: readonly Row[]; scope: string }) {
  // The portfolio summary counts COEs per group and phase; the overview has a row per COE.
  const grouped = report.name === 'portfolio';
  switch (kind) {
    case 'coes-by-phase': {
      const bars = grouped
        ? PHASES.map((phase) => ({ label: phase, value: rows.reduce((sum, row) => sum + num(row[phase]), 0) })).filter((bar) => bar.value > 0)
        : tally(
            rows,
            (row) => text(row.phase),
            () => 1,
            PHASES,
          );
      return (
        <Bars id="coes-by-phase" title="COEs by phase" group="phase" bars={inWords(bars, COE_PHASES)} unit={plural('COE')} groups="phases" scope={scope} />
      );
    }
    case 'coes-by-economy': {
      const bars = tally(
        rows,
        (row) => text(row.memberEconomy),
        (row) => (grouped ? num(row.total) : 1),
      );
      return (
        <Bars
          id="coes-by-economy"
          title="COEs by member economy"
          group="economy"
          bars={inWords(bars, ECONOMIES)}
          unit={plural('COE')}
          groups="economies"
          scope={scope}
        />
      );
    }
    case 'activities-per-year': {
      const activities = tally(
        rows.filter((row) => row.category === 'activity'),
        (row) => text(row.year),
        (row) => num(row.count),
      );
      const publications = tally(
        rows.filter((row) => row.category === 'publication'),
        (row) => text(row.year),
        (row) => num(row.count),
      );
      return (
        <>
          {activities.length > 0 && (
            <Bars
              id="activities-per-year"
              title="Activities per year"
              group="year"
              bars={activities}
              unit={plural('activity', 'activities')}
              groups="years"
              scope={scope}
            />
          )}
          {publications.length > 0 && (
            <Bars
              id="publications-per-year"
              title="Publications per year"
              group="year"
              bars={publications}
              unit={plural('publication')}
              groups="years"
              scope={scope}
            />
          )}
        </>
      );
    }
    case 'participants-per-year': {
      const bars = tally(
        rows,
        (row) => text(row.year),
        (row) => num(row.participants),
      );
      return (
        <Bars id="participants-per-year" title="Participants per year" group="year" bars={bars} unit={plural('participant')} groups="years" scope={scope} />
      );
    }
    case 'bcn-windows': {
      const bars = rows.map((row) => ({
        label: row.origin === 'secretariat' ? `${text(row.programmeYear, '—')} proposals` : `${text(row.programmeYear, '—')} window ${text(row.window, '—')}`,
        value: num(row.exchanges),
      }));
      return (
        <Bars id="bcn-windows" title="BCN applications per window" group="window" bars={bars} unit={plural('application')} groups="windows" scope={scope} />
      );
    }
    case 'assessment-scores':
      return <Scores rows={rows as unknown as readonly (ScoreRow & Record<Score, number> & Row)[]} scope={scope} />;
    case 'phase-timeline':
      return <Timeline rows={rows as unknown as readonly (PeriodRow & Row)[]} scope={scope} />;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

function Bars({
  id,
  title,
  group,
  bars,
  unit,
  groups,
  scope,
}: {
  id: string;
  title: string;
  group: string;
  bars: Bar[];
  unit: (n: number) => string;
  groups: string;
  scope: string;
}) {
  const rows = bars.map((bar) => ({ [group]: bar.label, [unit(2)]: bar.value }));
  return (
    <ChartFrame id={id} title={title} summary={`${barsSummary(bars, unit, groups)}${scope ? ` Counted from${scope}.` : ''}`} rows={rows}>
      <BarChart title={title} bars={bars} unit={unit} />
    </ChartFrame>
  );
}

function Scores({ rows, scope }: { rows: readonly (ScoreRow & Record<Score, number> & Row)[]; scope: string }) {
  const [score, setScore] = useState<Score>('overall');
  const title = 'Assessment scores over time';
  const coes = new Set(rows.map((row) => row.coeId)).size;
  const mean = rows.reduce((sum, row) => sum + row[score], 0) / rows.length;
  const summary = `${rows.length} assessments of ${coes} ${coes === 1 ? 'COE' : 'COEs'}, ${score} score 0 to 5; the mean ${mean.toFixed(1)}.${scope ? ` Drawn from${scope}.` : ''}`;
  return (
    <ChartFrame
      id="assessment-scores"
      title={title}
      summary={summary}
      rows={rows}
      columns={['coeId', 'assessedOn', 'period', ...SCORES.slice(1), 'overall', 'recommendation']}
    >
      <label htmlFor="score-shown">Score shown</label>
      <select id="score-shown" className="score-select" value={score} onChange={(event) => setScore(event.target.value as Score)}>
        {SCORES.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <ScoreChart rows={rows} title={`${title}: ${score}`} score={score} />
    </ChartFrame>
  );
}

function Timeline({ rows, scope }: { rows: readonly (PeriodRow & Row)[]; scope: string }) {
  const title = 'Phases against the 1-3-1 plan';
  const today = new Date().toISOString().slice(0, 10);
  const data = rows.map((row) => ({
    coeId: row.coeId,
    period: row.period,
    startedOn: row.startedOn,
    plannedEnd: plannedEnd(row),
    dueDate: row.dueDate,
    endedOn: row.endedOn,
    status: periodStatus(row, today),
  }));
  const count = (status: string) => data.filter((row) => row.status === status).length;
  const coes = new Set(rows.map((row) => row.coeId)).size;
  const summary = `${rows.length} periods of ${coes} ${coes === 1 ? 'COE' : 'COEs'}: ${count('on schedule')} on schedule, ${count('late')} late, ${count('extended')} extended, ${count('open')} open.${scope ? ` Drawn from${scope}.` : ''}`;
  return (
    <ChartFrame id="phase-timeline" title={title} summary={summary} rows={data} wide>
      <TimelineLegend />
      <PhaseTimeline rows={rows} today={today} title={title} />
    </ChartFrame>
  );
}
