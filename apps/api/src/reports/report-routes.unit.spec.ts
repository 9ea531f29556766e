import type { Page } from '@apo/read-queries';
import type { ReadStore } from '@apo/read-store';
import { BCN_REPORTS } from './bcn-reports';
import { COE_REPORTS } from './coe-reports';
import { pagedInMemory } from './report-routes';

const store = {} as ReadStore;

describe('the report table', () => {
  it('serves each report under its own path', () => {
    const paths = [...COE_REPORTS, ...BCN_REPORTS].map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual([
      'coe-overview',
      'assessments',
      'activity-counts',
      'activity-participants',
      'phase-history',
      'replications',
      'portfolio',
      'bcn-exchanges',
      'bcn-windows',
      'bcn-follow-ups',
    ]);
  });

  it('pages a grouped report in memory: the query gets the filters without paging, total counts every group', async () => {
    const asked: unknown[] = [];
    const groups = async (_: ReadStore, filter: { year?: number }): Promise<Page<{ group: number }>> => {
      asked.push(filter);
      return { items: [1, 2, 3, 4, 5].map((group) => ({ group })), total: 5, position: '42' };
    };
    const page = await pagedInMemory(groups)(store, { year: 2030, limit: 2, offset: 3 });
    expect(asked).toEqual([{ year: 2030 }]);
    expect(page).toEqual({ items: [{ group: 4 }, { group: 5 }], total: 5, position: '42' });
  });
});
