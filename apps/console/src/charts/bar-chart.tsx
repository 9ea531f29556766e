/** One bar: what it counts and how many. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

const LABEL = 118;
const BAR_SPACE = 250;
const WIDTH = LABEL + BAR_SPACE + 52;
const ROW = 26;

/**
 * Horizontal bars drawn by hand in SVG: the label left of each bar and its value written after it, so the picture reads
 * without colour; each bar is an image named “label: value unit” for screen readers. It scales to its column's width.
 */
export function BarChart({ title, bars, unit }: { title: string; bars: readonly Bar[]; unit: (value: number) => string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * ROW + 8;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="group" aria-label={title}>
      {bars.map((bar, index) => {
        const y = 4 + index * ROW;
        const length = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * BAR_SPACE);
        return (
          <g key={bar.label} role="img" aria-label={`${bar.label}: ${bar.value} ${unit(bar.value)}`}>
            <text x={LABEL - 6} y={y + ROW / 2} dominantBaseline="middle" textAnchor="end" className="chart-label">
              {bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label}
            </text>
            <rect x={LABEL} y={y + 3} width={length} height={ROW - 8} className="bar" />
            <text x={LABEL + length + 5} y={y + ROW / 2} dominantBaseline="middle" className="chart-value">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Sums `value` by `group`, in first-seen order unless `order` names the groups' order. */
export function tally<T>(items: readonly T[], group: (item: T) => string, value: (item: T) => number, order?: readonly string[]): Bar[] {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(group(item), (sums.get(group(item)) ?? 0) + value(item));
  const labels = order ? [...order.filter((label) => sums.has(label)), ...[...sums.keys()].filter((label) => !order.includes(label))] : [...sums.keys()];
  return labels.map((label) => ({ label, value: sums.get(label) ?? 0 }));
}

/** “12 COEs in 3 groups; the most: designation (5).” */
export function barsSummary(bars: readonly Bar[], unit: (value: number) => string, groups: string): string {
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  if (bars.length === 0) return `Nothing to count.`;
  const most = Math.max(...bars.map((bar) => bar.value));
  const top = bars.filter((bar) => bar.value === most).map((bar) => bar.label);
  if (top.length === bars.length && bars.length > 1) return `${total} ${unit(total)} in ${bars.length} ${groups}, ${most} each.`;
  const named = top.length === 1 ? top[0] : `${top.slice(0, -1).join(', ')} and ${top[top.length - 1]}`;
  return `${total} ${unit(total)} in ${bars.length} ${groups}; the most: ${named} (${most}${top.length > 1 ? ' each' : ''}).`;
}
