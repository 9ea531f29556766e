import fc from 'fast-check';
import { addMonthsToDate, isIsoDate } from './calendar';
import { addMonthsKeepingPrecision, definitelyBefore, firstDay, isBusinessDate, isPastDue, lastDay, laterOf, precisionOf } from './business-date';
import { readInput } from './input';
import { ValidationError } from './errors';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const year = fc.integer({ min: 1000, max: 8999 }).map((y) => pad(y, 4));
const month = fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m, 2)}`);
const day = fc
  .tuple(month, fc.integer({ min: 1, max: 31 }))
  .map(([m, d]) => `${m}-${pad(d, 2)}`)
  .filter(isIsoDate);
const businessDate = fc.oneof(year, month, day);
/** Every day from first to last, for dates of a month or less (a year is checked by its bounds). */
const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const daysOf = (date: string): string[] => {
  const days: string[] = [];
  for (let d = firstDay(date); d <= lastDay(date); d = next(d)) days.push(d);
  return days;
};

describe('business dates (YYYY, YYYY-MM, YYYY-MM-DD)', () => {
  it('accepts the three forms and nothing else', () => {
    for (const ok of ['2017', '2015-04', '2015-04-10', '2024-02-29']) expect(isBusinessDate(ok)).toBe(true);
    for (const bad of ['17', '2015-4', '2015-13', '2015-00', '2025-02-29', '2015-04-10T00:00:00Z', 'April 2015', 2017, null, ''])
      expect(isBusinessDate(bad)).toBe(false);
    expect(precisionOf('2017')).toBe('year');
    expect(precisionOf('2015-04')).toBe('month');
    expect(precisionOf('2015-04-10')).toBe('day');
    expect(() => precisionOf('2015-13')).toThrow(RangeError);
  });

  it('covers its days: first and last day of a year, a month (leap years), a day', () => {
    expect([firstDay('2017'), lastDay('2017')]).toEqual(['2017-01-01', '2017-12-31']);
    expect([firstDay('2024-02'), lastDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([firstDay('1900-02'), lastDay('1900-02')]).toEqual(['1900-02-01', '1900-02-28']);
    expect([firstDay('2015-04-10'), lastDay('2015-04-10')]).toEqual(['2015-04-10', '2015-04-10']);
    fc.assert(
      fc.property(businessDate, (date) => {
        expect(isIsoDate(firstDay(date)) && isIsoDate(lastDay(date))).toBe(true);
        expect(lastDay(date) >= firstDay(date)).toBe(true);
        expect(firstDay(date).startsWith(date) && lastDay(date).startsWith(date)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(month, (m) => expect(daysOf(m).every((d) => d.startsWith(m) && isIsoDate(d))).toBe(true)),
      { numRuns: 200 },
    );
  });

  it('orders as plain strings by first day, the less precise first on the same day', () => {
    expect(['2015-04-10', '2015-04', '2015-01-01', '2015'].sort()).toEqual(['2015', '2015-01-01', '2015-04', '2015-04-10']);
    fc.assert(
      fc.property(businessDate, businessDate, (a, b) => {
        if (firstDay(a) < firstDay(b)) expect(a < b).toBe(true);
        if (a < b) expect(firstDay(a) <= firstDay(b)).toBe(true);
        expect(laterOf(a, b)).toBe(a < b ? b : a);
      }),
      { numRuns: 5000 },
    );
  });

  it('is definitely before another only when every day it covers is', () => {
    expect(definitelyBefore('2015', '2016-01-01')).toBe(true);
    expect(definitelyBefore('2015', '2015-12-31')).toBe(false);
    expect(definitelyBefore('2015-04', '2015-04-30')).toBe(false);
    expect(definitelyBefore('2015-04', '2015-05')).toBe(true);
    fc.assert(
      fc.property(fc.oneof(month, day), fc.oneof(month, day), (a, b) => {
        const every = daysOf(a).every((x) => daysOf(b).every((y) => x < y));
        expect(definitelyBefore(a, b)).toBe(every);
        if (definitelyBefore(a, b)) expect(definitelyBefore(b, a)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('is past due only after its last day', () => {
    expect(isPastDue('2016-04', '2016-04-30')).toBe(false);
    expect(isPastDue('2016-04', '2016-05-01')).toBe(true);
    expect(isPastDue('2017', '2017-12-31')).toBe(false);
    expect(isPastDue('2017', '2018-01-01')).toBe(true);
    fc.assert(
      fc.property(fc.oneof(month, day), day, (due, today) => expect(isPastDue(due, today)).toBe(daysOf(due).every((d) => today > d))),
      { numRuns: 1000 },
    );
  });

  it('adds months at the same precision, and back again where defined', () => {
    expect(addMonthsKeepingPrecision('2015-04', 12)).toBe('2016-04');
    expect(addMonthsKeepingPrecision('2015-11', 3)).toBe('2016-02');
    expect(addMonthsKeepingPrecision('2015', 12)).toBe('2016');
    expect(addMonthsKeepingPrecision('2015', -24)).toBe('2013');
    expect(addMonthsKeepingPrecision('2025-01-31', 1)).toBe('2025-02-28');
    expect(() => addMonthsKeepingPrecision('2015', 6)).toThrow(RangeError);
    fc.assert(
      fc.property(businessDate, fc.integer({ min: -120, max: 120 }), (date, n) => {
        const months = precisionOf(date) === 'year' ? n * 12 : n;
        const later = addMonthsKeepingPrecision(date, months);
        expect(precisionOf(later)).toBe(precisionOf(date));
        if (precisionOf(date) !== 'day' || Number(date.slice(8)) <= 28) expect(addMonthsKeepingPrecision(later, -months)).toBe(date);
        if (precisionOf(date) === 'day') expect(later).toBe(addMonthsToDate(date, months));
        if (months > 0) expect(later > date).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('is read from input in any of its forms, and a bad one names the forms', () => {
    expect(readInput({ on: '2015-04' }, (r) => r.businessDate('on'))).toBe('2015-04');
    expect(readInput({}, (r) => r.businessDate('on', { optional: true }))).toBeUndefined();
    const read = () => readInput({ on: '04/2015' }, (r) => r.businessDate('on'));
    expect(read).toThrow(ValidationError);
    expect(read).toThrow('on must be a business date: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)');
  });
});
