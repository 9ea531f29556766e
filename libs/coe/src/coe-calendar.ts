import { addMonthsToDate } from '@apo/engine';
import type { CoeContext, Period, PeriodKey } from './coe-model';

/** Per-programme-year settings; the notification fixes 31 March unless a year says otherwise. */
export interface CoeConfig {
  /** Annual proposal closing date by programme year, e.g. `{ 2026: '2026-04-15' }`. */
  readonly proposalClosingDates?: Readonly<Record<number, string>>;
}

export const PERIOD_MONTHS = 12;

export function proposalClosingDate(config: CoeConfig, programmeYear: number): string {
  return config.proposalClosingDates?.[programmeYear] ?? `${programmeYear}-03-31`;
}

/** A period starting at `start`, due for assessment at its anniversary. */
export function newPeriod(key: PeriodKey, start: string): Period {
  return { key, start, dueDate: addMonthsToDate(start, PERIOD_MONTHS), extendedMonths: 0 };
}

/**
 * The next period starts at the current one's due date (its anniversary plus any extension), so
 * the 1-3-1 calendar stays anchored to the launch date however late an advance is recorded.
 */
export function followingPeriod(current: Period, key: PeriodKey): Period {
  return newPeriod(key, current.dueDate);
}

/** Due date of the current period, or undefined outside the active phases. */
export const dueDateOf = (context: CoeContext): string | undefined => context.period?.dueDate;

/** Overdue when `today` is after the due date and the instance is still in that period. */
export const isOverdue = (context: CoeContext, state: string, today: string): boolean =>
  state.startsWith('active.') && context.period !== undefined && today > context.period.dueDate;
