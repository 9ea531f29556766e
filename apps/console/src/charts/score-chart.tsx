import { dayOf } from './phase-timeline';

/** One assessment of /reports/assessments (the fields the chart reads). */
export interface ScoreRow {
  readonly coeId: string;
  readonly assessedOn: string;
  readonly period: string;
  readonly overall: number;
  readonly recommendation: string;
}

/** The scores an assessment records: the overall one and the five criteria. */
export const SCORES = ['overall', 'competency', 'dissemination', 'collaboration', 'outputs', 'impact'] as const;
export type Score = (typeof SCORES)[number];

const LEFT = 34;
const SPAN = 330;
const TOP = 12;
const HIGH = 150;
const MAX = 5;

/** Marker shapes, one per COE (so a COE is told apart by shape and by its name at its last point, not by colour). */
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;

function Marker({ shape, x, y }: { shape: (typeof MARKERS)[number]; x: number; y: number }) {
  if (shape === 'circle') return <circle cx={x} cy={y} r={4.5} className="marker" />;
  if (shape === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} className="marker" />;
  if (shape === 'triangle') return <path d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`} className="marker" />;
  return <path d={`M${x},${y - 5} L${x + 5},${y} L${x},${y + 5} L${x - 5},${y} Z`} className="marker" />;
}

/**
 * One assessment score (overall or a criterion, 0–5) over time, a line per COE: each point an image named with its COE, date, period, score and
 * recommendation, its score written above it; each line ends with its COE's name.
 */
export function ScoreChart({ rows, title, score }: { rows: readonly (ScoreRow & Record<Score, number>)[]; title: string; score: Score }) {
  const coes = [...new Set(rows.map((row) => row.coeId))];
  const days = rows.map((row) => dayOf(row.assessedOn));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const x = (date: string) => LEFT + (last === first ? SPAN / 2 : ((dayOf(date) - first) / (last - first)) * SPAN);
  const y = (value: number) => TOP + HIGH - (value / MAX) * HIGH;
  const width = LEFT + SPAN + 70;
  const height = TOP + HIGH + 30;
  return (
    <svg className="score-chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={title}>
      {[0, 1, 2, 3, 4, 5].map((value) => (
        <g key={value} aria-hidden="true">
          <line x1={LEFT} x2={LEFT + SPAN} y1={y(value)} y2={y(value)} className="grid-line" />
          <text x={LEFT - 8} y={y(value)} textAnchor="end" dominantBaseline="middle" className="chart-axis">
            {value}
          </text>
        </g>
      ))}
      <text x={LEFT} y={height - 6} className="chart-axis" aria-hidden="true">
        {rows.reduce((a, b) => (a.assessedOn <= b.assessedOn ? a : b)).assessedOn}
      </text>
      <text x={LEFT + SPAN} y={height - 6} textAnchor="end" className="chart-axis" aria-hidden="true">
        {rows.reduce((a, b) => (a.assessedOn >= b.assessedOn ? a : b)).assessedOn}
      </text>
      {coes.map((coeId, index) => {
        const points = rows.filter((row) => row.coeId === coeId).sort((a, b) => dayOf(a.assessedOn) - dayOf(b.assessedOn));
        const shape = MARKERS[index % MARKERS.length];
        const end = points[points.length - 1];
        return (
          <g key={coeId}>
            <polyline points={points.map((p) => `${x(p.assessedOn)},${y(p[score])}`).join(' ')} className="score-line" aria-hidden="true" />
            {points.map((point) => (
              <g
                key={`${point.assessedOn}-${point.period}`}
                role="img"
                aria-label={`${coeId}, ${point.period} assessed ${point.assessedOn}: ${score} ${point[score]} of 5, ${point.recommendation}`}
              >
                <Marker shape={shape} x={x(point.assessedOn)} y={y(point[score])} />
                <text x={x(point.assessedOn)} y={y(point[score]) - 8} textAnchor="middle" className="chart-value">
                  {point[score]}
                </text>
              </g>
            ))}
            <text x={x(end.assessedOn) + 8} y={y(end[score]) + 12} className="chart-label" aria-hidden="true">
              {coeId}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
