import { addDays, addMonths, format, isValid, parseISO } from 'date-fns';
import fc from 'fast-check';
import { addDaysToDate, addMonthsToDate, isIsoDate } from './calendar';

/** date-fns in local time (the implementation before this one), as the reference. */
const reference = {
  isIsoDate: (value: string) => isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value,
  addMonths: (date: string, months: number) => format(addMonths(parseISO(date), months), 'yyyy-MM-dd'),
  addDays: (date: string, days: number) => format(addDays(parseISO(date), days), 'yyyy-MM-dd'),
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const anyDateText = fc
  .tuple(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const realDate = anyDateText.filter((text) => reference.isIsoDate(text) && text >= '1000-01-01' && text <= '9000-12-31');

describe('calendar (UTC arithmetic on YYYY-MM-DD)', () => {
  it('accepts exactly the real calendar dates', () => {
    fc.assert(
      fc.property(anyDateText, (text) => expect(isIsoDate(text)).toBe(reference.isIsoDate(text))),
      { numRuns: 5000 },
    );
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });

  it('adds months, clamped to the end of the month', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -240, max: 240 }), (date, months) =>
        expect(addMonthsToDate(date, months)).toBe(reference.addMonths(date, months)),
      ),
      { numRuns: 3000 },
    );
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('adds and subtracts days across months, years and leap days', () => {
    fc.assert(
      fc.property(realDate, fc.integer({ min: -4000, max: 4000 }), (date, days) => expect(addDaysToDate(date, days)).toBe(reference.addDays(date, days))),
      { numRuns: 3000 },
    );
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('names a malformed date instead of computing with it', () => {
    expect(() => addDaysToDate('2025/01/01', 1)).toThrow('not a YYYY-MM-DD date: 2025/01/01');
  });
});
