/** Per-programme-year settings; the 2023 notification fixes 31 March and 30 June. */
export interface BcnConfig {
  /** Application closing dates by programme year, ascending, e.g. `{ 2026: ['2026-04-15', '2026-07-15'] }`. */
  readonly closingDates?: Readonly<Record<number, readonly string[]>>;
  /** Days after implementation by which the report is due (default 30). */
  readonly reportDueDays?: number;
  /** Months after the report by which the first follow-up is due (default 6). */
  readonly followUpDueMonths?: number;
}

export function closingDates(config: BcnConfig, programmeYear: number): readonly string[] {
  return config.closingDates?.[programmeYear] ?? [`${programmeYear}-03-31`, `${programmeYear}-06-30`];
}

/**
 * The window an application dated `submittedOn` falls in: the first closing date on or after it.
 * Past the last one there is no window (`window: null`, the last closing date), which the machine
 * refuses: the event still names the date it was judged against, so replay needs no config.
 */
export function applicationWindow(config: BcnConfig, programmeYear: number, submittedOn: string): { window: number | null; closingDate: string } {
  const dates = closingDates(config, programmeYear);
  const index = dates.findIndex((date) => submittedOn <= date);
  return index < 0 ? { window: null, closingDate: dates[dates.length - 1] } : { window: index + 1, closingDate: dates[index] };
}
