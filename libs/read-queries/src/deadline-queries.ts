import type { ReadStore, DeadlinesTable } from '@apo/read-store';
import { badQuery, checkPage, readPage, toNumber, type Page, type PageOptions } from './page';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** withinDays is bounded: a scheduler looks weeks ahead, a person at most a few years. */
export const MAX_WITHIN_DAYS = 3_660;

export interface DeadlineFilter extends Omit<PageOptions, 'sincePosition'> {
  /** The calendar day (YYYY-MM-DD) overdue and daysLeft are judged against: the API's Clock. */
  readonly today: string;
  /** `coe`, `bcn` (the stream prefix). */
  readonly programme?: string;
  /** One instance (its id without the prefix); best combined with `programme`. */
  readonly instanceId?: string;
  /** Only deadlines due on or before today + N days (overdue ones included). */
  readonly withinDays?: number;
  /** Only deadlines past their due date. */
  readonly overdue?: boolean;
}

/** An open deadline as listed: flat, camelCase, always these keys in this order (CSV-ready). */
export interface DeadlineItem {
  programme: string;
  instanceId: string;
  streamId: string;
  /** The deadline's key within the instance, e.g. `assessment:delivery.year2`. */
  deadline: string;
  kind: string;
  label: string;
  dueDate: string;
  /** Notice stages already written to the stream, in order (`lead-30`, `due`, `overdue`). */
  notices: string[];
  /** True when today is after the due date. */
  overdue: boolean;
  /** Whole days from today to the due date (negative once overdue). */
  daysLeft: number;
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

const plusDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const toDeadlineItem = (r: DeadlinesTable, today: string): DeadlineItem => ({
  programme: r.programme,
  instanceId: r.instance_id,
  streamId: r.stream_id,
  deadline: r.deadline_key,
  kind: r.kind,
  label: r.label,
  dueDate: r.due_date,
  notices: r.notices === '' ? [] : r.notices.split(','),
  overdue: today > r.due_date,
  daysLeft: dayNumber(r.due_date) - dayNumber(today),
});

/**
 * Open deadlines (met and moot ones have no row), by programme, instance, horizon (`withinDays`)
 * or overdue only; ordered by due date, then stream and deadline key.
 */
export async function listDeadlines(readStore: ReadStore, filter: DeadlineFilter): Promise<Page<DeadlineItem>> {
  const { limit, offset } = checkPage(filter);
  const { today } = filter;
  if (typeof today !== 'string' || !DATE.test(today) || Number.isNaN(Date.parse(today))) throw badQuery('today must be a date (YYYY-MM-DD)', { today });
  const within = filter.withinDays;
  if (within !== undefined && (!Number.isInteger(within) || within < 0 || within > MAX_WITHIN_DAYS)) {
    throw badQuery(`withinDays must be an integer from 0 to ${MAX_WITHIN_DAYS}`, { withinDays: within });
  }
  return readPage(readStore, ['deadlines'], async (trx) => {
    let q = trx.selectFrom('deadlines');
    if (filter.programme !== undefined) q = q.where('programme', '=', filter.programme);
    if (filter.instanceId !== undefined) q = q.where('instance_id', '=', filter.instanceId);
    if (within !== undefined) q = q.where('due_date', '<=', plusDays(today, within));
    if (filter.overdue === true) q = q.where('due_date', '<', today);
    if (filter.overdue === false) q = q.where('due_date', '>=', today);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('due_date').orderBy('stream_id').orderBy('deadline_key').limit(limit).offset(offset).execute();
    return { items: rows.map((r) => toDeadlineItem(r, today)), total: toNumber(count.n) };
  });
}
