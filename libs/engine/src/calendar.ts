/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no time zone or daylight-saving
 * change can shift a day. Plain arithmetic on `Date.UTC`: no library, no local time.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const utc = (year: number, monthIndex: number, day: number): Date => {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day); // years 0-99 stay themselves (Date.UTC would add 1900)
  return date;
};

const toIso = (date: Date): string => date.toISOString().slice(0, 10);

const parts = (value: string): [number, number, number] => {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
};

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [year, month, day] = parts(value);
  const date = utc(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Calendar months later, clamped to the month's end (2025-01-31 + 1 month = 2025-02-28). */
export function addMonthsToDate(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const lastDay = utc(year, month - 1 + months + 1, 0).getUTCDate();
  return toIso(utc(year, month - 1 + months, Math.min(day, lastDay)));
}

/** Calendar days later (or earlier, for a negative count). */
export function addDaysToDate(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return toIso(new Date(utc(year, month - 1, day).getTime() + days * DAY_MS));
}

/** ISO dates compare correctly as strings. */
export const isBefore = (a: string, b: string): boolean => a < b;
