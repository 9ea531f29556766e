import { coeLifeScriptV2 } from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

const problemType = 'application/problem+json';

describe('audit API (real server, embedded store)', () => {
  const h = new ApiHarness();
  const get = (path: string, headers: Record<string, string> = {}) => h.request('GET', path, { role: 'auditor', headers });

  beforeAll(async () => {
    await h.start();
    for (const step of coeLifeScriptV2) {
      h.clock.set(`${step.on}T09:00:00Z`);
      expect([200, 201]).toContain((await h.command('life-a', step.command.type, step.command.data, step.role)).status);
    }
    h.clock.set('2031-01-01T00:00:00Z');
  }, 60_000);
  afterAll(() => h.stop());

  it('history: every event with all its metadata as JSON, or as a readable timeline', async () => {
    const r = await get('/coes/life-a/history');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: 'life-a',
      streamId: 'coe-life-a',
      definition: 'coe-lifecycle',
      version: 2,
      verification: { ok: true, divergences: [] },
    });
    const events = r.body.events as { revision: number; metadata: Record<string, unknown> }[];
    expect(events).toHaveLength(coeLifeScriptV2.length);
    expect(events[2]).toMatchObject({
      revision: 2,
      type: 'CoeDesignated',
      position: expect.stringMatching(/^\d+$/),
      data: { plannedLaunchDate: '2025-07-01', governingBody: { meeting: '65th Governing Body Meeting, Manila', decisionDate: '2025-04-16' } },
      metadata: {
        from: 'underReview',
        to: 'designated',
        actor: { id: 'test-admin', role: 'admin' },
        effectiveDate: '2025-04-16',
        recordedAt: '2025-04-16T09:00:00.000Z',
        prevHash: events[1].metadata.hash,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(events[3]).toMatchObject({
      type: 'CoeLaunched',
      metadata: { from: 'designated', to: 'active.designation', effectiveDate: '2025-07-01', actor: { id: 'test-assessor' } },
    });
    for (const key of ['commandId', 'correlationId', 'causationId']) expect(events[2].metadata[key]).toEqual(expect.any(String));
    for (const timeline of [await get('/coes/life-a/history', { accept: 'text/plain' }), await get('/coes/life-a/history?format=timeline')]) {
      expect(timeline.headers.get('content-type')).toContain('text/plain');
      expect(timeline.body.text).toMatch(/^#2 +2025-04-16 {2}CoeDesignated {2}underReview -> designated$/m);
      expect(timeline.body.text).toMatch(/^#3 +2025-07-01 {2}CoeLaunched {2}designated -> active\.designation$/m);
      expect(timeline.body.text).toContain('verified: the replay, the hash chain and the revisions agree');
    }
  });

  it('state: as of a date or a revision, with allowed events, due date and overdue on that day', async () => {
    const at = await get('/coes/life-a/state?at=2027-03-31');
    expect(at.status).toBe(200);
    expect(at.body).toMatchObject({
      id: 'life-a',
      asOf: { at: '2027-03-31' },
      revision: 9,
      state: 'active.delivery.year1',
      details: { dueDate: '2027-10-01' },
      overdue: false,
      divergences: [],
    });
    expect(at.body.allowedEvents).toContain('AssessmentRecorded');
    // Between the Governing Body's decision and the launch: designated, the launch due on the planned date.
    expect((await get('/coes/life-a/state?at=2025-06-30')).body).toMatchObject({
      state: 'designated',
      details: { status: 'designated, launching on 2025-07-01', dueDate: '2025-07-01' },
      overdue: false,
    });
    expect((await get('/coes/life-a/state?at=2026-07-15')).body).toMatchObject({
      state: 'active.designation',
      details: { dueDate: '2026-10-01' },
      overdue: false,
    });
    expect((await get('/coes/life-a/state?revision=13')).body).toMatchObject({ revision: 13, state: 'active.delivery.year2', overdue: null });
    const now = (await get('/coes/life-a/state')).body;
    expect(now).toMatchObject({ revision: coeLifeScriptV2.length - 1, state: 'network.continuedSupport', details: { dueDate: '2032-10-01' }, overdue: false });
    expect(now.allowedEvents).toContain('StatusAssessmentRecorded');
  });

  it('state: asOf (the business date, also spelled at) and asAt (the recorded time), alone or together', async () => {
    const asOf = (await get('/coes/life-a/state?asOf=2027-03-31')).body;
    expect(asOf).toMatchObject({
      asOf: { at: '2027-03-31' },
      revision: 9,
      state: 'active.delivery.year1',
      knownEvents: coeLifeScriptV2.length,
      enteredLate: [],
      corrected: [],
      notReplayable: [],
    });
    // Before anything was recorded: nothing known, and no business day to judge overdue on.
    expect((await get('/coes/life-a/state?asAt=2000-01-01')).body).toMatchObject({ state: 'new', revision: -1, knownEvents: 0, overdue: null });
    // What was known at the end of the last day of the script is everything; as of a date by that knowledge.
    const lastDay = coeLifeScriptV2[coeLifeScriptV2.length - 1].on;
    expect((await get(`/coes/life-a/state?asOf=2027-03-31&asAt=${lastDay}`)).body).toMatchObject({
      revision: 9,
      state: 'active.delivery.year1',
      overdue: false,
    });
    const both = await get('/coes/life-a/state?asOf=2027-03-31&at=2027-04-01');
    expect([both.status, both.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const bad = await get('/coes/life-a/state?asAt=soon&revision=2');
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field)).toContain('asAt');
  });

  it('state: 400 naming every bad field', async () => {
    const fields = async (query: string) => {
      const r = await get(`/coes/life-a/state?${query}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain(problemType);
      return [...new Set((r.body.fields as { field: string }[]).map((f) => f.field))].sort();
    };
    expect(await fields('at=2027-02-30&revision=x')).toEqual(['at', 'revision']);
    expect(await fields('at=2027-01-01&revision=3')).toEqual(['at', 'revision']);
    expect(await fields('revision=99')).toEqual(['revision']);
  });

  it('verify one COE, the whole store, and the store against its seal', async () => {
    expect((await get('/coes/life-a/verify')).body).toMatchObject({ id: 'life-a', ok: true, events: coeLifeScriptV2.length, divergences: [] });
    const seal = await get('/audit/seal');
    expect(seal.body).toMatchObject({
      format: 'apo-audit-seal/1',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      streams: 1,
      events: coeLifeScriptV2.length,
    });
    const whole = await get('/audit/verify');
    expect(whole.body).toMatchObject({ ok: true, streams: 1, events: coeLifeScriptV2.length, divergenceCount: 0, digest: seal.body.digest });
    // The fast path: worker threads reading a copy of the embedded store, through the API's wrapped store.
    expect(whole.body).toMatchObject({ read: 'copy', workers: expect.any(Number) });
    expect(whole.body.workers).toBeGreaterThan(0);
    expect((await get(`/audit/verify?seal=${seal.body.digest}`)).body).toMatchObject({ ok: true, seal: { matches: true } });
    const other = 'ab'.repeat(32);
    expect((await get(`/audit/verify?seal=${other}`)).body).toMatchObject({ ok: false, seal: { matches: false, expected: other, actual: seal.body.digest } });
    const bad = await get('/audit/verify?seal=xyz');
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'seal', message: 'must be a sha256 digest: 64 hexadecimal characters' }]);
  }, 30_000);

  it('export: JSON Lines or CSV, one COE or the whole log, streamed', async () => {
    const jsonl = await get('/coes/life-a/export');
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = String(jsonl.body.text)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { revision: number; streamId: string });
    expect(lines.map((l) => l.revision)).toEqual(coeLifeScriptV2.map((_, i) => i));
    const csv = await get('/audit/export', { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    const rows = String(csv.body.text).trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^position,stream_id,revision,event_id,type,effective_date,/);
    expect(rows).toHaveLength(coeLifeScriptV2.length + 1);
    expect(String((await get('/audit/export?format=csv')).body.text)).toBe(csv.body.text);
  });

  it('403 for the assessor and reporter roles, 404 for an unknown COE, 401 without a key', async () => {
    for (const path of [
      '/coes/life-a/history',
      '/coes/life-a/state?at=2027-01-01',
      '/coes/life-a/verify',
      '/audit/verify',
      '/audit/seal',
      '/coes/life-a/export',
      '/audit/export',
    ]) {
      for (const role of ['assessor', 'reporter'] as const) {
        const r = await h.request('GET', path, { role });
        expect([path, role, r.status, r.body.code]).toEqual([path, role, 403, 'FORBIDDEN']);
      }
    }
    expect((await h.request('GET', '/audit/seal')).status).toBe(401);
    for (const path of ['/coes/nope/history', '/coes/nope/state?at=2027-01-01', '/coes/nope/verify', '/coes/nope/export']) {
      const r = await get(path);
      expect([path, r.status, r.body.code, r.body.detail]).toEqual([path, 404, 'NOT_FOUND', 'COE nope was not found']);
      expect(r.headers.get('content-type')).toContain(problemType);
    }
    expect((await h.request('GET', '/coes/life-a/history', { role: 'admin' })).status).toBe(200);
  });
});
