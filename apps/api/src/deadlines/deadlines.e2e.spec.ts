import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import * as f from '@apo/coe/testing';
import type { Command } from '@apo/engine';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

type Row = Record<string, unknown>;
const items = (r: HttpAnswer): Row[] => r.body.items as Row[];
const brief = (r: HttpAnswer) => items(r).map((i) => [i.instanceId, i.deadline, i.dueDate, i.overdue, i.daysLeft]);

/** The open deadlines over HTTP, judged against the harness's movable clock. */
describe('deadlines API (real server, read store)', () => {
  const h = new ApiHarness();
  /** The log position of the last command: every GET waits for the read model to reach it. */
  let at = '0';
  const get = (path: string, headers: Record<string, string> = {}, role: 'reporter' | 'assessor' | 'auditor' | 'admin' = 'reporter') =>
    h.request('GET', path, { role, headers: { 'X-Min-Position': at, ...headers } });

  const run = async (send: (c: Command) => Promise<HttpAnswer>, commands: Command[]) => {
    for (const c of commands) {
      const answer = await send(c);
      if (answer.status >= 300) throw new Error(`${c.type}: ${answer.status} ${JSON.stringify(answer.body)}`);
      at = answer.headers.get('x-log-position') as string;
    }
  };

  beforeAll(async () => {
    await h.start();
    h.clock.set('2026-06-20T08:00:00.000Z');
    // my-2: designated, launched 2025-07-01 (assessment due 2026-07-01); my-3 launched 2026-01-01.
    await run((c) => h.command('my-2', c.type, c.data), f.history.designation());
    await run((c) => h.command('my-3', c.type, c.data), [f.submitApplication(), f.startReview(), f.designate('2026-01-01')]);
  }, 60_000);
  afterAll(() => h.stop());

  it("GET /coes/:id/deadlines: one COE's open deadlines, with the read model's position", async () => {
    const r = await get('/coes/my-2/deadlines');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-read-model-position')).toMatch(/^[1-9]\d*$/);
    expect(BigInt(r.headers.get('x-read-model-position') as string)).toBeGreaterThanOrEqual(BigInt(at));
    expect(r.body).toEqual({
      items: [
        {
          programme: 'coe',
          instanceId: 'my-2',
          streamId: 'coe-my-2',
          deadline: 'assessment:designation',
          kind: 'assessment',
          label: 'Assessment of designation',
          dueDate: '2026-07-01',
          notices: [],
          overdue: false,
          daysLeft: 11,
        },
      ],
      total: 1,
      position: r.headers.get('x-read-model-position'),
      limit: 100,
      offset: 0,
    });
    expect((await get('/coes/nobody/deadlines')).body).toMatchObject({ items: [], total: 0 });
    expect((await get('/coes/my-2/deadlines', {}, 'assessor')).status).toBe(200);
  });

  it('GET /deadlines: the portfolio by due date, within N days, paged', async () => {
    expect(brief(await get('/deadlines'))).toEqual([
      ['my-2', 'assessment:designation', '2026-07-01', false, 11],
      ['my-3', 'assessment:designation', '2027-01-01', false, 195],
    ]);
    expect(brief(await get('/deadlines?withinDays=30'))).toEqual([['my-2', 'assessment:designation', '2026-07-01', false, 11]]);
    const second = await get('/deadlines?limit=1&offset=1');
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(brief(second)).toEqual([['my-3', 'assessment:designation', '2027-01-01', false, 195]]);
  });

  it('overdue flags and days left follow the clock', async () => {
    h.clock.set('2026-07-02T08:00:00.000Z');
    expect(brief(await get('/coes/my-2/deadlines'))).toEqual([['my-2', 'assessment:designation', '2026-07-01', true, -1]]);
    expect(brief(await get('/deadlines?overdue=true'))).toEqual([['my-2', 'assessment:designation', '2026-07-01', true, -1]]);
    expect(brief(await get('/deadlines?overdue=false'))).toEqual([['my-3', 'assessment:designation', '2027-01-01', false, 183]]);
    // Within 30 days always includes what is overdue.
    expect(brief(await get('/deadlines?withinDays=30'))).toEqual([['my-2', 'assessment:designation', '2026-07-01', true, -1]]);
  });

  it('GET /bcn-exchanges/:id/deadlines and the programme filter', async () => {
    h.clock.set('2030-02-01T08:00:00.000Z');
    await run((c) => h.bcnCommand(BCN_LIFE_SCRIPT_ID, c.type, c.data), [bcnLifeScript[0].command]);
    expect(brief(await get(`/bcn-exchanges/${BCN_LIFE_SCRIPT_ID}/deadlines`))).toEqual([
      [BCN_LIFE_SCRIPT_ID, 'window:2030-1', '2030-03-31', false, 58],
      [BCN_LIFE_SCRIPT_ID, 'window:2030-2', '2030-06-30', false, 149],
    ]);
    expect(brief(await get('/deadlines?programme=bcn&withinDays=60'))).toEqual([[BCN_LIFE_SCRIPT_ID, 'window:2030-1', '2030-03-31', false, 58]]);
    expect(items(await get('/deadlines?withinDays=60')).map((i) => [i.programme, i.instanceId, i.overdue])).toEqual([
      ['coe', 'my-2', true],
      ['coe', 'my-3', true],
      ['bcn', BCN_LIFE_SCRIPT_ID, false],
    ]);
    expect((await get(`/coes/${BCN_LIFE_SCRIPT_ID}/deadlines`)).body).toMatchObject({ total: 0 });
  });

  it('answers CSV for Accept: text/csv', async () => {
    const r = await get('/deadlines?programme=coe', { accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('x-read-model-position')).toMatch(/^\d+$/);
    const lines = String(r.body.text).split('\r\n');
    expect(lines[0]).toBe('programme,instanceId,streamId,deadline,kind,label,dueDate,notices,overdue,daysLeft');
    expect(lines[1]).toMatch(/^coe,my-2,coe-my-2,assessment:designation,assessment,Assessment of designation,2026-07-01,\[\],true,-\d+$/);
    const empty = await get('/deadlines?programme=bcn&overdue=true', { accept: 'text/csv' });
    expect(empty.body.text).toBe('programme,instanceId,streamId,deadline,kind,label,dueDate,notices,overdue,daysLeft\r\n');
  });

  it('refuses bad filters (400, every field named), callers without a key (401)', async () => {
    const bad = await get('/deadlines?withinDays=-1&programme=xyz&overdue=maybe&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((bad.body.fields as { field: string }[]).map((e) => e.field).sort()).toEqual(
      expect.arrayContaining(['limit', 'overdue', 'programme', 'withinDays']),
    );
    const named = (field: string) => expect.arrayContaining([expect.objectContaining({ field })]);
    expect((await get('/deadlines?withinDays=soon')).body).toMatchObject({ status: 400, fields: named('withinDays') });
    expect((await get('/coes/my-2/deadlines?programme=bcn')).status).toBe(400);
    expect((await get('/bcn-exchanges/x/deadlines?withinDays=99999')).body).toMatchObject({ status: 400, fields: named('withinDays') });
    expect((await h.request('GET', '/deadlines')).status).toBe(401);
  });
});
