import { addDaysToDate, addMonthsToDate, isIsoDate } from './calendar';

/**
 * Business dates as people know them: `YYYY` ("2017"), `YYYY-MM` ("April 2015") or `YYYY-MM-DD`
 * (a real calendar date). A partial date stands for every day it covers. Plain string comparison
 * orders them by their first day, a shorter one before a longer one starting on the same day
 * ('2015' < '2015-01-01' < '2015-04' < '2015-04-10'), so effective dates can carry a date as
 * given and still sort. Comparisons that must be honest about uncertainty use the bounds:
 * `definitelyBefore` and `isPastDue`.
 */
export type DatePrecision = 'year' | 'month' | 'day';

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-(\d{2})$/;

export const BUSINESS_DATE_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)';

/** True for `YYYY`, `YYYY-MM` (month 01-12) or a real calendar date `YYYY-MM-DD`. */
export function isBusinessDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (YEAR.test(value)) return true;
  const month = MONTH.exec(value);
  if (month) return Number(month[1]) >= 1 && Number(month[1]) <= 12;
  return isIsoDate(value);
}

function checked(date: string): string {
  if (!isBusinessDate(date)) throw new RangeError(`not a business date (${BUSINESS_DATE_FORMS}): ${date}`);
  return date;
}

export function precisionOf(date: string): DatePrecision {
  const length = checked(date).length;
  return length === 4 ? 'year' : length === 7 ? 'month' : 'day';
}

/** The first day the date covers: '2015' -> '2015-01-01', '2015-04' -> '2015-04-01'. */
export function firstDay(date: string): string {
  const precision = precisionOf(date);
  return precision === 'year' ? `${date}-01-01` : precision === 'month' ? `${date}-01` : date;
}

/** The last day the date covers: '2015' -> '2015-12-31', '2024-02' -> '2024-02-29'. */
export function lastDay(date: string): string {
  const precision = precisionOf(date);
  if (precision === 'year') return `${date}-12-31`;
  if (precision === 'month') return addDaysToDate(addMonthsToDate(`${date}-01`, 1), -1);
  return date;
}

/**
 * Calendar months later at the same precision: '2015-04' + 12 = '2016-04', '2015' + 12 = '2016',
 * a day as `addMonthsToDate`. A year moves only by whole years: RangeError otherwise.
 */
export function addMonthsKeepingPrecision(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, not ${months}`);
  const precision = precisionOf(date);
  if (precision === 'day') return addMonthsToDate(date, months);
  if (precision === 'month') return addMonthsToDate(`${date}-01`, months).slice(0, 7);
  if (months % 12 !== 0) throw new RangeError(`a year (${date}) moves by whole years only, not ${months} months`);
  return addMonthsToDate(`${date}-01-01`, months).slice(0, 4);
}

/** Every day `a` covers is before every day `b` covers. */
export const definitelyBefore = (a: string, b: string): boolean => lastDay(a) < firstDay(b);

/** `today` (YYYY-MM-DD) is after every day the due date covers: '2016-04' is past due from 2016-05-01. */
export const isPastDue = (due: string, today: string): boolean => today > lastDay(due);

/** The later of two business dates by first day (the more precise on a tie): plain string order. */
export const laterOf = (a: string, b: string): string => (b > a ? b : a);
