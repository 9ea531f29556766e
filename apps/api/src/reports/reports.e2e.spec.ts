import * as f from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';
import { eventually as poll, items, REPORT_ROUTES as ROUTES, report, run as runOn, seedPortfolio } from './testing/report-fixtures';

/** Reports read over HTTP after three COEs were driven through commands (see seedPortfolio). */
describe('reporting API (real server, read store)', () => {
  const h = new ApiHarness();
  const get = (path: string, headers: Record<string, string> = {}) => report(h, path, headers);
  const eventually = (path: string, ready: Parameters<typeof poll>[2]) => poll(h, path, ready);

  beforeAll(async () => {
    await h.start();
    await seedPortfolio(h);
  }, 60_000);
  afterAll(() => h.stop());

  it('coe-overview: one row per COE with phase, due date, overdue and records; filters and pagination', async () => {
    const all = await get('/reports/coe-overview');
    expect(all.headers.get('content-type')).toContain('application/json');
    expect(all.body).toMatchObject({ total: 3, limit: 100, offset: 0, position: expect.stringMatching(/^\d+$/) });
    expect(items(all).map((i) => i.id)).toEqual(['my-1', 'my-2', 'th-1']);
    expect(items(all)[0]).toMatchObject({
      memberEconomy: 'MY',
      state: 'active.replication',
      phase: 'replication',
      deliveryYear: null,
      phaseStart: '2029-07-01',
      // The earliest open deadline: the 2030 annual proposal, closing 31 March (version 2's one due date).
      dueDate: '2030-03-31',
      overdue: true, // the harness clock says 2031-01-01
      activities: 3,
      publications: 1,
      replications: 1,
      revision: 16,
    });
    const designation = await get('/reports/coe-overview?phase=designation&memberEconomy=MY');
    expect(designation.body).toMatchObject({ total: 1, items: [{ id: 'my-2', dueDate: '2026-07-01', overdue: true }] });
    expect((await get('/reports/coe-overview?focusArea=digital%20transformation')).body).toMatchObject({
      total: 1,
      items: [{ id: 'th-1', phase: 'underReview' }],
    });
    expect((await get('/reports/coe-overview?overdue=false')).body).toMatchObject({ total: 1, items: [{ id: 'th-1' }] });
    const second = await get('/reports/coe-overview?limit=1&offset=1');
    expect(second.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(items(second).map((i) => i.id)).toEqual(['my-2']);
  });

  it('assessments: the criterion scores of each assessment, by period and recommendation', async () => {
    const r = await get('/reports/assessments?coeId=my-1');
    expect(r.body.total).toBe(4);
    expect(items(r).map((i) => [i.period, i.assessedOn])).toEqual([
      ['designation', '2026-06-15'],
      ['delivery.year1', '2027-06-15'],
      ['delivery.year2', '2028-06-15'],
      ['delivery.year3', '2029-06-15'],
    ]);
    expect(items(r)[0]).toMatchObject({
      coeId: 'my-1',
      assessmentId: 'a-2026-06-15-advance',
      competency: 4,
      dissemination: 4,
      collaboration: 3,
      outputs: 5,
      impact: 4,
      overall: 4,
      recommendation: 'advance',
      actor: 'test-admin',
    });
    const page = await get('/reports/assessments?recommendation=advance&limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(items(page).map((i) => i.period)).toEqual(['delivery.year2', 'delivery.year3']);
    expect((await get('/reports/assessments?period=delivery.year3')).body).toMatchObject({ total: 1, items: [{ coeId: 'my-1' }] });
  });

  it('activity-counts and activity-participants: by COE, year, kind and member economy', async () => {
    const counts = await get('/reports/activity-counts?coeId=my-1');
    expect(items(counts).map(({ year, category, kind, count }) => ({ year, category, kind, count }))).toEqual([
      { year: 2025, category: 'activity', kind: 'training', count: 1 },
      { year: 2026, category: 'activity', kind: 'training', count: 1 },
      { year: 2026, category: 'activity', kind: 'workshop', count: 1 },
      { year: 2026, category: 'publication', kind: 'manual', count: 1 },
    ]);
    expect((await get('/reports/activity-counts?year=2026&category=activity')).body).toMatchObject({ total: 2 });
    const participants = await get('/reports/activity-participants?coeId=my-1');
    expect(items(participants).map(({ year, economy, participants: n, activities }) => [year, economy, n, activities])).toEqual([
      [2025, 'MY', 12, 1],
      [2025, 'TH', 3, 1],
      [2026, 'MY', 12, 1],
      [2026, 'TH', 8, 2],
    ]);
    expect((await get('/reports/activity-participants?economy=TH&year=2026')).body).toMatchObject({ total: 1, items: [{ participants: 8 }] });
  });

  it('phase-history: start, end, duration and on-schedule per period', async () => {
    const r = await get('/reports/phase-history?coeId=my-1');
    expect(
      items(r).map(({ period, startedOn, dueDate, endedOn, durationDays, outcome, onSchedule }) => [
        period,
        startedOn,
        dueDate,
        endedOn,
        durationDays,
        outcome,
        onSchedule,
      ]),
    ).toEqual([
      // Version 2: designated by the Governing Body on 15 April, launched on the planned 1 July.
      ['designated', '2025-04-15', '2025-07-01', '2025-07-01', 77, 'launched', true],
      ['designation', '2025-07-01', '2026-07-01', '2026-07-01', 365, 'advanced', true],
      ['delivery.year1', '2026-07-01', '2027-07-01', '2027-07-01', 365, 'advanced', true],
      ['delivery.year2', '2027-07-01', '2028-07-01', '2028-07-01', 366, 'advanced', true],
      ['delivery.year3', '2028-07-01', '2029-07-01', '2029-07-01', 365, 'advanced', true],
      ['replication', '2029-07-01', '2030-07-01', null, null, 'open', null],
    ]);
    const open = await get('/reports/phase-history?outcome=open');
    expect(items(open).map((i) => [i.coeId, i.period])).toEqual([
      ['my-1', 'replication'],
      ['my-2', 'designation'],
    ]);
    expect((await get('/reports/phase-history?onSchedule=true&phase=delivery')).body).toMatchObject({ total: 3 });
  });

  it('replications and the portfolio summary', async () => {
    expect((await get('/reports/replications?targetEconomy=VN')).body).toMatchObject({
      total: 1,
      items: [{ coeId: 'my-1', replicationId: 'rep-2029-09-01', targetEconomy: 'VN', date: '2029-09-01', bcnExchangeId: 'bcn-1' }],
    });
    const portfolio = await get('/reports/portfolio');
    expect(portfolio.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    const none = {
      applied: 0,
      underReview: 0,
      designated: 0,
      designation: 0,
      delivery: 0,
      replication: 0,
      network: 0,
      suspended: 0,
      graduated: 0,
      retired: 0,
      rejected: 0,
      terminated: 0,
      withdrawn: 0,
    };
    const mpc = 'Malaysia Productivity Corporation';
    // The fixtures' two applications name the same NPO and host: th-1 is hosted in Malaysia too.
    expect(items(portfolio)).toEqual([
      {
        memberEconomy: 'MY',
        nominatingNpo: mpc,
        hostInstitution: mpc,
        hostType: 'npo',
        focusArea: 'smart manufacturing',
        total: 2,
        ...none,
        designation: 1,
        replication: 1,
      },
      {
        memberEconomy: 'TH',
        nominatingNpo: mpc,
        hostInstitution: mpc,
        hostType: 'npo',
        focusArea: 'Digital Transformation',
        total: 1,
        ...none,
        underReview: 1,
      },
    ]);
    expect((await get('/reports/portfolio?limit=1&offset=1')).body).toMatchObject({ total: 2, items: [{ memberEconomy: 'TH' }] });
  });

  it('answers RFC 4180 CSV for Accept: text/csv, with the position header', async () => {
    const json = await get('/reports/phase-history?coeId=my-1');
    const csv = await get('/reports/phase-history?coeId=my-1', { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="phase-history.csv"');
    expect(csv.headers.get('x-read-model-position')).toBe(json.headers.get('x-read-model-position'));
    const lines = (csv.body.text as string).split('\r\n');
    expect(lines[0]).toBe('coeId,period,phase,startedOn,scheduledStart,dueDate,endedOn,durationDays,outcome,onSchedule,position');
    expect(lines[1]).toBe(`my-1,designated,designated,2025-04-15,2025-04-15,2025-07-01,2025-07-01,77,launched,true,${items(json)[0].position}`);
    expect(lines[2]).toBe(`my-1,designation,designation,2025-07-01,2025-07-01,2026-07-01,2026-07-01,365,advanced,true,${items(json)[1].position}`);
    expect(lines[6]).toBe(`my-1,replication,replication,2029-07-01,2029-07-01,2030-07-01,,,open,,${items(json)[5].position}`);
    expect(lines).toHaveLength(8); // header, six rows, and the final CRLF
    const quoted = await get('/reports/replications', { accept: 'text/csv;q=0.9, application/json;q=0.5' });
    expect(quoted.body.text).toContain(',"Model factory, ""lean"" line",2029-09-01,bcn-1,');
    const empty = await get('/reports/replications?coeId=nobody', { accept: 'text/csv' });
    expect(empty.body.text).toBe('coeId,replicationId,targetEconomy,description,date,bcnExchangeId,correctedBy,position\r\n');
    expect((await get('/reports/replications', { accept: 'application/json, text/csv;q=0.5' })).headers.get('content-type')).toContain('application/json');
  });

  it('puts the checkpoint position in X-Read-Model-Position on every report', async () => {
    for (const route of ROUTES) {
      const r = await get(`/reports/${route}`);
      expect([route, r.status]).toEqual([route, 200]);
      expect(r.headers.get('x-read-model-position')).toMatch(/^[1-9]\d*$/);
      expect(r.headers.get('x-read-model-position')).toBe(r.body.position);
    }
  });

  it('403 for the assessor role, 401 without a key; auditor and admin may read', async () => {
    for (const route of ROUTES) {
      const r = await h.request('GET', `/reports/${route}`, { role: 'assessor' });
      expect(r.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await h.request('GET', '/reports/assessments')).status).toBe(401);
    expect((await h.request('GET', '/reports/assessments', { role: 'auditor' })).status).toBe(200);
    expect((await h.request('GET', '/reports/portfolio', { role: 'admin' })).status).toBe(200);
  });

  it('400 naming every bad query parameter', async () => {
    const r = await get('/reports/assessments?limit=0&offset=-1&recommendation=maybe&sincePosition=abc&colour=red');
    expect(r.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect([...new Set((r.body.fields as { field: string }[]).map((x) => x.field))].sort()).toEqual([
      'colour',
      'limit',
      'offset',
      'recommendation',
      'sincePosition',
    ]);
    const fields = async (path: string) => ((await get(path)).body.fields as { field: string }[]).map((x) => x.field);
    expect(await fields('/reports/coe-overview?limit=10001&overdue=maybe&dueBefore=2026-02-30&phase=sleeping')).toEqual(
      expect.arrayContaining(['limit', 'overdue', 'dueBefore', 'phase']),
    );
    expect(await fields('/reports/activity-counts?year=20x6&category=film')).toEqual(expect.arrayContaining(['year', 'category']));
    expect(await fields('/reports/portfolio?sincePosition=1')).toEqual(['sincePosition']);
  });

  it('documents every report in the OpenAPI document, with CSV', async () => {
    const doc = (await fetch(`${h.api.url}/docs-json`).then((r) => r.json())) as {
      paths: Record<string, { get: { operationId: string; responses: { 200: { content: object } } } }>;
    };
    for (const route of ROUTES) expect(Object.keys(doc.paths[`/reports/${route}`].get.responses[200].content)).toEqual(['application/json', 'text/csv']);
    expect(doc.paths['/reports/phase-history'].get.operationId).toBe('reportPhaseHistory');
  });

  it('X-Min-Position (or ?minPosition=) makes a report wait for the writer’s last command; junk is a 400', async () => {
    const written = await h.command('my-2', 'RecordPublication', f.recordPublication('2026-06-01', 'caseStudy').data);
    const at = written.headers.get('x-log-position') as string;
    const r = await get('/reports/activity-counts?coeId=my-2&category=publication', { 'X-Min-Position': at });
    expect(BigInt(r.headers.get('x-read-model-position') as string)).toBeGreaterThanOrEqual(BigInt(at));
    expect(items(r)).toMatchObject([{ coeId: 'my-2', year: 2026, category: 'publication', kind: 'caseStudy', count: 1 }]);
    expect((await get(`/reports/portfolio?minPosition=${at}`)).status).toBe(200);
    const junk = await get('/reports/assessments?minPosition=soon', { 'X-Min-Position': 'later' });
    expect(junk.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((junk.body.fields as { field: string }[]).map((x) => x.field).sort()).toEqual(['X-Min-Position', 'minPosition']);
  });

  // Last: it changes the log.
  it('sincePosition returns only the rows changed after a position', async () => {
    const before = await get('/reports/assessments');
    const position = before.headers.get('x-read-model-position') as string;
    await runOn(h, 'my-2', [f.assess('extend', '2026-06-20'), f.recordActivity('2026-06-21', { participants: [{ economy: 'PH', count: 2 }] })]);
    const changed = await eventually(`/reports/assessments?sincePosition=${position}`, (r) => r.body.total === 1);
    expect(items(changed)).toMatchObject([{ coeId: 'my-2', assessmentId: 'a-2026-06-20-extend', recommendation: 'extend', collaboration: 3 }]);
    expect(BigInt(changed.headers.get('x-read-model-position') as string)).toBeGreaterThan(BigInt(position));
    const overview = await eventually(`/reports/coe-overview?sincePosition=${position}`, (r) => items(r).some((i) => i.activities === 1));
    expect(overview.body).toMatchObject({ total: 1, items: [{ id: 'my-2', lastAssessmentRecommendation: 'extend', activities: 1 }] });
    const participants = await eventually(`/reports/activity-participants?sincePosition=${position}`, (r) => r.body.total === 1);
    expect(items(participants)).toMatchObject([{ coeId: 'my-2', year: 2026, economy: 'PH', participants: 2, activities: 1 }]);
    expect((await get(`/reports/phase-history?sincePosition=${position}`)).body).toMatchObject({ total: 0, items: [] });
    expect((await get(`/reports/replications?sincePosition=${changed.body.position as string}`)).body.total).toBe(0);
  });
});
