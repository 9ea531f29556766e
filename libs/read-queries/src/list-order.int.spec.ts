import fc from 'fast-check';
import { testTargets } from '@apo/read-store/testing';
import type { ReadStore } from '@apo/read-store';
import { BCN_SORT_KEYS, listBcnExchanges } from './bcn-exchange-queries';
import { COE_SORT_KEYS, listCoeOverview } from './coe-overview-queries';
import { asciiLower } from './list-order';

/** Texts that tell the orders apart: both cases, a letter beyond ASCII in both cases, LIKE's wildcards. */
const text = fc.option(fc.string({ unit: fc.constantFrom('a', 'B', 'b', 'A', 'é', 'É', ' ', '_', '%', 'z'), maxLength: 4 }), { nil: null });
const date = fc.option(fc.constantFrom('2025-01-31', '2025-07-01', '2026-03-15', '2027-12-31'), { nil: null });
const coeRow = fc.record({
  name: text,
  economy: fc.option(fc.constantFrom('JPN', 'MYS', 'IND'), { nil: null }),
  phase: fc.constantFrom('applied', 'delivery', 'designation'),
  due: date,
  applied: date,
  host: text,
});
const bcnRow = fc.record({
  title: text,
  state: fc.constantFrom('draft', 'submitted', 'approved'),
  year: fc.option(fc.integer({ min: 2025, max: 2027 }), { nil: null }),
  sending: fc.option(fc.constantFrom('JPN', 'MYS'), { nil: null }),
  hosting: fc.option(fc.constantFrom('JPN', 'MYS'), { nil: null }),
  start: date,
  closing: date,
});
const paging = fc.record({
  limit: fc.integer({ min: 1, max: 8 }),
  offset: fc.integer({ min: 0, max: 10 }),
  descending: fc.boolean(),
  q: fc.option(fc.constantFrom('a', 'B', 'é', '_', '%', 'ab'), { nil: undefined }),
});

type Value = string | number | null;
/** The documented order, in plain TypeScript: nulls last, text case-insensitive (ASCII), then id. */
function sortedIds(rows: { id: string; value: Value }[], isText: boolean, descending: boolean): string[] {
  const key = (v: Value) => (isText && typeof v === 'string' ? asciiLower(v) : v);
  return [...rows]
    .sort((a, b) => {
      if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
      const [x, y] = [key(a.value), key(b.value)] as [string | number, string | number];
      const byValue = x < y ? -1 : x > y ? 1 : 0;
      if (byValue !== 0) return descending ? -byValue : byValue;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((r) => r.id);
}
const containsText = (value: string | null, q: string | undefined) => q === undefined || (value !== null && asciiLower(value).includes(asciiLower(q)));
const common = { revision: 1, updated_at: '2026-01-01T00:00:00.000Z', position: 1 };

describe.each(testTargets('list sorting and search'))('GET /coes and /bcn-exchanges sorting and search (%s)', (_dialect, makeTarget) => {
  const target = makeTarget();
  let store: ReadStore;
  beforeAll(async () => (store = await target.open()));
  afterAll(async () => {
    await store.close();
    await target.cleanup();
  });

  it('a sorted, searched COE page is the whole filtered set sorted, then sliced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(coeRow, { maxLength: 12 }), fc.constantFrom(...COE_SORT_KEYS), paging, async (rows, key, p) => {
        await store.db.deleteFrom('coe_overview').execute();
        const stored = rows.map((r, i) => ({ id: `c${String(i).padStart(2, '0')}`, ...r }));
        for (const r of stored)
          await store.db
            .insertInto('coe_overview')
            .values({
              id: r.id,
              name: r.name,
              member_economy: r.economy,
              phase: r.phase,
              state: r.phase,
              next_due_date: r.due,
              applied_on: r.applied,
              host_institution: r.host,
              suspended: 0,
              activities: 0,
              publications: 0,
              replications: 0,
              ...common,
            })
            .execute();
        const column = { name: 'name', economy: 'economy', phase: 'phase', dueDate: 'due', appliedOn: 'applied', host: 'host' } as const;
        const matching = stored.filter((r) => containsText(r.name, p.q));
        const expected = sortedIds(
          matching.map((r) => ({ id: r.id, value: r[column[key]] })),
          key !== 'dueDate' && key !== 'appliedOn',
          p.descending,
        );
        const page = await listCoeOverview(store, { today: '2026-01-01', sort: `${p.descending ? '-' : ''}${key}`, q: p.q, limit: p.limit, offset: p.offset });
        expect(page.total).toBe(matching.length);
        expect(page.items.map((i) => i.id)).toEqual(expected.slice(p.offset, p.offset + p.limit));
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('a sorted, searched exchange page is the whole filtered set sorted, then sliced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bcnRow, { maxLength: 12 }), fc.constantFrom(...BCN_SORT_KEYS), paging, async (rows, key, p) => {
        await store.db.deleteFrom('bcn_exchanges').execute();
        const stored = rows.map((r, i) => ({ id: `x${String(i).padStart(2, '0')}`, ...r }));
        for (const r of stored)
          await store.db
            .insertInto('bcn_exchanges')
            .values({
              id: r.id,
              title: r.title,
              state: r.state,
              programme_year: r.year,
              sending_economy: r.sending,
              hosting_economy: r.hosting,
              start_date: r.start,
              closing_date: r.closing,
              origin: 'application',
              participants: 0,
              reschedules: 0,
              follow_ups: 0,
              ...common,
            })
            .execute();
        const column = {
          title: 'title',
          state: 'state',
          programmeYear: 'year',
          sendingEconomy: 'sending',
          hostingEconomy: 'hosting',
          startDate: 'start',
          closingDate: 'closing',
        } as const;
        const matching = stored.filter((r) => containsText(r.title, p.q));
        const expected = sortedIds(
          matching.map((r) => ({ id: r.id, value: r[column[key]] })),
          !['programmeYear', 'startDate', 'closingDate'].includes(key),
          p.descending,
        );
        const page = await listBcnExchanges(store, { sort: `${p.descending ? '-' : ''}${key}`, q: p.q, limit: p.limit, offset: p.offset });
        expect(page.total).toBe(matching.length);
        expect(page.items.map((i) => i.id)).toEqual(expected.slice(p.offset, p.offset + p.limit));
      }),
      { numRuns: 50 },
    );
  }, 60_000);

  it('filters COEs by the year of their application; refuses an unknown sort key', async () => {
    await store.db.deleteFrom('coe_overview').execute();
    for (const [id, applied] of [
      ['y1', '2024-12-31'],
      ['y2', '2025-01-01'],
      ['y3', null],
    ] as const)
      await store.db
        .insertInto('coe_overview')
        .values({ id, applied_on: applied, phase: 'applied', state: 'applied', suspended: 0, activities: 0, publications: 0, replications: 0, ...common })
        .execute();
    expect((await listCoeOverview(store, { today: '2026-01-01', appliedYear: 2025 })).items.map((i) => i.id)).toEqual(['y2']);
    await expect(listCoeOverview(store, { today: '2026-01-01', sort: 'revision' })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await expect(listBcnExchanges(store, { sort: '-id' })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
  });
});
