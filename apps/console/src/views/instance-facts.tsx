import type { ReactNode } from 'react';

/** One fact of an instance's header: its name and value (text, or a small element). */
export type Fact = readonly [string, ReactNode];

/** The header facts of an instance, as a description list. */
export function Facts({ facts, label }: { facts: readonly Fact[]; label: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface DueThing {
  readonly dueDate?: unknown;
  readonly label?: unknown;
}

/** What is due and when, or that nothing is. */
export function dueWords(next: DueThing | null | undefined, dueDate?: string | null): string {
  const date = typeof next?.dueDate === 'string' ? next.dueDate : dueDate;
  if (!date) return 'Nothing due';
  return typeof next?.label === 'string' ? `${date}: ${next.label}` : date;
}

/** Overdue in words (never by colour alone): what is late, or "Not overdue". */
export function OverdueWords({ overdue, next }: { overdue: boolean; next?: DueThing | null }) {
  if (!overdue) return <>Not overdue</>;
  const what = typeof next?.label === 'string' ? next.label : 'a deadline';
  const since = typeof next?.dueDate === 'string' ? `, due ${next.dueDate}` : '';
  return (
    <strong className="overdue">
      Overdue: {what}
      {since}
    </strong>
  );
}
