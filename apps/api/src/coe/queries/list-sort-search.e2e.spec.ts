import * as f from '@apo/coe/testing';
import { ApiHarness, type HttpAnswer } from '../../testing/api-harness';

type Row = Record<string, unknown>;
const names = (r: HttpAnswer) => (r.body.items as Row[]).map((i) => i.name);

/** GET /coes sorted and searched over HTTP: what the console's portfolio asks for. */
describe('GET /coes and /bcn-exchanges: sort, search, year applied (real server, read store)', () => {
  const h = new ApiHarness();
  let at = '0';
  const get = (path: string) => h.request('GET', path, { role: 'assessor', headers: { 'X-Min-Position': at } });

  beforeAll(async () => {
    await h.start();
    h.clock.set('2026-06-20T08:00:00.000Z');
    const coes: [string, string, string, string][] = [
      ['s-1', 'COE on Green Productivity', 'JP', '2024-03-01'],
      ['s-2', 'coe on agriculture', 'MY', '2025-01-10'],
      ['s-3', 'COE on Public Sector Productivity', 'JP', '2025-06-01'],
    ];
    for (const [id, name, memberEconomy, appliedOn] of coes) {
      const answer = await h.command(id, 'SubmitApplication', f.submitApplication({ name, memberEconomy, appliedOn }).data);
      if (answer.status >= 300) throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
      at = answer.headers.get('x-log-position') as string;
    }
  }, 60_000);
  afterAll(() => h.stop());

  it('sorts by name either way, ASCII letters case-insensitively', async () => {
    expect(names(await get('/coes?sort=name'))).toEqual(['coe on agriculture', 'COE on Green Productivity', 'COE on Public Sector Productivity']);
    expect(names(await get('/coes?sort=-name'))).toEqual(['COE on Public Sector Productivity', 'COE on Green Productivity', 'coe on agriculture']);
    expect(names(await get('/coes?sort=-name&memberEconomy=JP&limit=1&offset=1'))).toEqual(['COE on Green Productivity']);
    expect(names(await get('/coes?sort=appliedOn'))).toEqual(['COE on Green Productivity', 'coe on agriculture', 'COE on Public Sector Productivity']);
  });

  it('searches names, combined with the other filters and the year applied', async () => {
    const found = await get('/coes?q=PRODUCTIVITY&sort=name');
    expect(found.body).toMatchObject({ total: 2 });
    expect(names(found)).toEqual(['COE on Green Productivity', 'COE on Public Sector Productivity']);
    expect(names(await get('/coes?q=productivity&appliedYear=2025'))).toEqual(['COE on Public Sector Productivity']);
    expect((await get('/coes?q=100%25')).body).toMatchObject({ items: [], total: 0 });
  });

  it('answers a page of 1,000 and refuses bad sort, search, year and limit values as problem+json naming each field', async () => {
    expect((await get('/coes?limit=1000')).status).toBe(200);
    const bad = await get(`/coes?sort=revision&appliedYear=20&limit=1001&q=${'x'.repeat(201)}`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect((bad.body.fields as { field: string }[]).map((e) => e.field).sort()).toEqual(['appliedYear', 'limit', 'q', 'sort']);
    const exchanges = await get('/bcn-exchanges?sort=-title&q=a');
    expect(exchanges.status).toBe(200);
    expect((await get('/bcn-exchanges?sort=name')).body).toMatchObject({ status: 400, fields: [expect.objectContaining({ field: 'sort' })] });
  });
});
