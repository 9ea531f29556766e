import type { ReactNode } from 'react';
import { ReportTable, type Row } from '../views/reports-table';

/**
 * A chart as a figure: its title and a sentence saying what it shows (for everyone, and for screen readers first),
 * the picture, and the same numbers as a table beside it (below on a narrow screen).
 */
export function ChartFrame({
  id,
  title,
  summary,
  rows,
  columns,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  rows: readonly Row[];
  columns?: readonly string[];
  /** A picture wider than a phone (a time line): it scrolls sideways inside a labelled, focusable region. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-summary`}>{summary}</p>
      <div className={wide ? 'chart-body chart-body-wide' : 'chart-body'}>
        {wide ? (
          <div className="scroll chart-picture" tabIndex={0} role="region" aria-label={`${title}: picture (scrolls sideways)`}>
            {children}
          </div>
        ) : (
          <div className="chart-picture">{children}</div>
        )}
        <ReportTable caption={`${title}: data`} rows={rows} columns={columns} />
      </div>
    </figure>
  );
}
