import { coeLifeScriptV2 } from '@apo/coe/testing';
import * as f from '@apo/coe/testing';
import { ApiHarness } from './testing/api-harness';

const problemType = 'application/problem+json';

describe('COE API over HTTP (real server, embedded store)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 30_000);
  afterAll(() => h.stop());

  const apply = (id: string) => h.command(id, 'SubmitApplication', f.submitApplication().data, 'assessor');
  const toDesignation = async (id: string) => {
    for (const c of f.history.designation()) expect((await h.command(id, c.type, c.data)).status).toBeLessThan(300);
  };

  it('drives a COE through its entire 1-3-1 life into the COE network', async () => {
    let last = { status: 0, body: {} as Record<string, unknown> };
    try {
      for (const step of coeLifeScriptV2) {
        h.clock.set(`${step.on}T09:00:00Z`);
        last = await h.command('life-1', step.command.type, step.command.data, step.role);
        expect([200, 201]).toContain(last.status);
      }
    } finally {
      h.clock.set('2031-01-01T00:00:00Z');
    }
    expect(last.body).toMatchObject({
      id: 'life-1',
      revision: coeLifeScriptV2.length - 1,
      state: 'network.continuedSupport',
      allowedEvents: expect.arrayContaining(['StatusAssessmentRecorded', 'NextStageDecided']),
    });
    const view = await h.request('GET', '/coes/life-1', { role: 'auditor' });
    expect(view.body).toMatchObject({
      definitionVersion: 2,
      state: 'network.continuedSupport',
      phase: 'network',
      status: 'in the COE network (continued support)',
      cycleEnd: '2030-10-01',
      nextDeadline: { key: 'statusAssessment:1', kind: 'statusAssessment', dueDate: '2032-10-01' },
      overdue: false,
      records: { activities: 1, publications: 1, replications: 1 },
    });
  });

  it('answers each command with id, revision, state, allowed events and an ETag', async () => {
    const created = await apply('shape-1');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'shape-1', revision: 0, state: 'applied', allowedEvents: ['ReviewStarted', 'CoeWithdrawn', 'RecordCorrected'] });
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries a caller’s correlation id into the answer', async () => {
    const r = await h.request('GET', '/health', { headers: { 'x-correlation-id': 'job-42' } });
    expect(r.headers.get('x-correlation-id')).toBe('job-42');
  });

  it('400: names every bad field as problem+json', async () => {
    const r = await h.command(
      'bad-1',
      'SubmitApplication',
      { ...f.submitApplication().data, memberEconomy: 'US', appliedOn: '2025-02-30', extra: 1 },
      'assessor',
    );
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain(problemType);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect((r.body.fields as { field: string }[]).map((x) => x.field).sort()).toEqual(['appliedOn', 'extra', 'memberEconomy']);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts|stack/);
  });

  it('400: malformed JSON and a bad If-Match header', async () => {
    expect((await h.request('POST', '/coes/x/review', { role: 'admin', raw: '{"startedOn":' })).status).toBe(400);
    const r = await h.command('shape-1', 'StartReview', f.startReview().data, 'admin', { 'If-Match': 'yesterday' });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', fields: [{ field: 'If-Match' }] } });
  });

  it('401 without or with an unknown key; 403 for a role the route does not allow', async () => {
    expect((await h.request('GET', '/coes/shape-1')).body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await h.request('GET', '/coes/shape-1', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const reporter = await h.command('shape-2', 'SubmitApplication', f.submitApplication().data, 'reporter');
    expect(reporter.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const assessorDesignates = await h.command('shape-1', 'DesignateCoe', f.designate().data, 'assessor');
    expect(assessorDesignates.status).toBe(403);
  });

  it('404 for an unknown COE or route', async () => {
    expect((await h.request('GET', '/coes/nobody', { role: 'reporter' })).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await h.command('nobody', 'StartReview', f.startReview().data)).status).toBe(404);
    expect((await h.request('GET', '/nothing-here', { role: 'admin' })).status).toBe(404);
  });

  it('409: an illegal transition lists the events allowed now; a rule names its code', async () => {
    const illegal = await h.command('shape-1', 'AdvanceCoe', { advancedOn: '2025-03-01' });
    expect(illegal.body).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', allowedEvents: ['ReviewStarted', 'CoeWithdrawn', 'RecordCorrected'] });
    await toDesignation('rule-1');
    const rule = await h.command('rule-1', 'AdvanceCoe', { advancedOn: '2026-07-01' });
    expect(rule.body).toMatchObject({ status: 409, code: 'COE.ADVANCE_ASSESSMENT_REQUIRED' });
  });

  it('412 for a stale If-Match; the current one is accepted', async () => {
    await apply('match-1');
    const stale = await h.command('match-1', 'StartReview', f.startReview().data, 'admin', { 'If-Match': '"5"' });
    expect(stale.body).toMatchObject({ status: 412, code: 'STALE_REVISION' });
    const fresh = await h.command('match-1', 'StartReview', f.startReview().data, 'admin', { 'If-Match': '"0"' });
    expect(fresh.body).toMatchObject({ revision: 1, state: 'underReview' });
  });

  it('413 for a body over the limit', async () => {
    const big = 'x'.repeat(1_100_000);
    const r = await h.command('big-1', 'SubmitApplication', { ...f.submitApplication().data, notes: big }, 'assessor');
    expect(r.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('409: a Governing Body termination dated after today is refused (it was accepted)', async () => {
    await toDesignation('gb-future-1');
    const r = await h.command('gb-future-1', 'TerminateCoe', {
      basis: 'governingBody',
      reason: 'host closed',
      terminatedOn: '2030-01-01',
      governingBody: { meeting: '99th GBM', decisionDate: '2031-06-01' },
    });
    expect(r).toMatchObject({ status: 409, body: { code: 'COE.DATE_IN_FUTURE', field: 'governingBody.decisionDate' } });
    expect((await h.request('GET', '/coes/gb-future-1', { role: 'auditor' })).body).toMatchObject({ revision: 3 });
  });

  it('an Idempotency-Key retry returns the first response and appends one event', async () => {
    await toDesignation('idem-1');
    const headers = { 'Idempotency-Key': 'activity-2025-10-01' };
    const first = await h.command('idem-1', 'RecordActivity', f.recordActivity('2025-10-01').data, 'assessor', headers);
    const retry = await h.command('idem-1', 'RecordActivity', f.recordActivity('2025-10-01').data, 'assessor', headers);
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    const view = await h.request('GET', '/coes/idem-1', { role: 'auditor' });
    // Submitted, reviewed, designated and launched (the launch date is past): revisions 0-3, then the activity.
    expect(view.body).toMatchObject({ revision: 4, records: { activities: 1 } });
  });

  it('50 concurrent commands on one COE: none lost, none duplicated, revisions gapless', async () => {
    await toDesignation('busy-1');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.command('busy-1', 'RecordActivity', { ...f.recordActivity('2025-10-01').data, activityId: `a-${i}` }, 'assessor')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.map((a) => a.body.revision as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 4));
    const view = await h.request('GET', '/coes/busy-1', { role: 'auditor' });
    expect(view.body).toMatchObject({ revision: 53, records: { activities: 50 } });
  });

  it('lists COEs from the read model with filters; X-Min-Position reads your own writes', async () => {
    await toDesignation('list-my-1');
    const written = (await h.command('list-my-1', 'RecordActivity', f.recordActivity('2025-10-01').data, 'assessor')).headers.get('x-log-position');
    expect(written).toMatch(/^\d+$/);
    const designation = await h.request('GET', '/coes?phase=designation&memberEconomy=MY', {
      role: 'reporter',
      headers: { 'X-Min-Position': written as string },
    });
    expect(designation.status).toBe(200);
    expect((designation.body.items as { id: string; activities: number }[]).find((i) => i.id === 'list-my-1')).toMatchObject({
      phase: 'designation',
      activities: 1,
    });
    expect(designation.headers.get('x-read-model-position')).toBe(designation.body.position);
    expect(BigInt(designation.body.position as string)).toBeGreaterThanOrEqual(BigInt(written as string));
    const overdue = await h.request('GET', '/coes?overdue=true&phase=designation', { role: 'reporter' });
    expect((overdue.body.items as { id: string; dueDate: string }[]).find((i) => i.id === 'list-my-1')?.dueDate).toBe('2026-07-01');
    const bad = await h.request('GET', '/coes?phase=sleeping&limit=0', { role: 'reporter' });
    expect(bad.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('serves /metrics to the metrics and admin roles only (it needed no key)', async () => {
    expect((await h.request('GET', '/metrics')).body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await h.request('GET', '/metrics', { role: 'assessor' })).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await h.request('GET', '/metrics', { role: 'admin' })).status).toBe(200);
    expect((await h.request('GET', '/coes/none', { role: 'metrics' })).status).toBe(403);
  });

  it('serves health and the OpenAPI document without a key, metrics with the metrics key', async () => {
    const health = await h.request('GET', '/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      eventStore: { status: 'up', kind: 'sqlite' },
      readModels: { mode: 'worker', kind: 'sqlite', runner: 'running' },
    });
    const overview = (health.body.readModels as { projections: Record<string, unknown>[] }).projections.find((p) => p.name === 'coe-overview');
    expect(overview).toEqual(
      expect.objectContaining({
        position: expect.stringMatching(/^\d+$/),
        headPosition: expect.stringMatching(/^\d+$/),
        lagEvents: expect.any(Number),
        secondsBehind: expect.any(Number),
        state: expect.any(String),
      }),
    );
    const metrics = await h.metrics();
    expect(metrics).toMatch(/workflow_commands_total\{type="SubmitApplication",outcome="accepted"\} \d+/);
    for (const gauge of ['apo_projection_lag_events', 'apo_projection_lag_seconds', 'apo_projection_position'])
      expect(metrics).toMatch(new RegExp(`${gauge}\\{projection="coe-overview"\\} \\d+`));
    const doc = await fetch(`${h.api.url}/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, unknown> }>);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/coes/{id}/advance', '/coes/{id}/assessments', '/coes', '/coes/{id}']));
  });

  it('sets security headers', async () => {
    const r = await h.request('GET', '/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('rate limiting', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start({ RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '3' }), 30_000);
  afterAll(() => h.stop());

  it('answers 429 as problem+json past the limit, counted per client across all routes (it was per route)', async () => {
    const routes = ['/coes/none', '/coes', '/bcn-exchanges/none', '/reports/assessments', '/deadlines'];
    const statuses: number[] = [];
    for (const route of routes) statuses.push((await h.request('GET', route, { role: 'reporter' })).status);
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const limited = await h.request('GET', '/reports/portfolio', { role: 'reporter' });
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Another client has its own budget.
    expect((await h.request('GET', '/coes/none', { role: 'auditor' })).status).toBe(404);
  });

  it('limits failed authentications per address apart from requests: then even a good key waits', async () => {
    for (let i = 0; i < 3; i++) expect((await h.request('GET', '/coes/none', { headers: { authorization: `Bearer guess-${i}` } })).status).toBe(401);
    const locked = await h.request('GET', '/coes/none', { headers: { authorization: 'Bearer guess-4' } });
    expect(locked.headers.get('content-type')).toContain('application/problem+json');
    expect(locked.body).toMatchObject({ status: 429, code: 'AUTH_RATE_LIMITED' });
    expect((await h.request('GET', '/coes/none', { role: 'admin' })).body).toMatchObject({ status: 429, code: 'AUTH_RATE_LIMITED' });
  });
});

describe('METRICS_PUBLIC=true (a private network)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start({ METRICS_PUBLIC: 'true' }), 30_000);
  afterAll(() => h.stop());

  it('serves /metrics without a key', async () => {
    const r = await fetch(`${h.api.url}/metrics`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('workflow_commands_total');
  });
});

describe('configuration', () => {
  it('refuses to start with a bad value, naming it', async () => {
    await expect(new ApiHarness().start({ PORT: 'eighty', EVENT_STORE: 'mongo' })).rejects.toThrow(/PORT[\s\S]*EVENT_STORE|EVENT_STORE[\s\S]*PORT/);
  });
  it('refuses to start in production without API keys', async () => {
    const { startApi } = await import('./bootstrap');
    await expect(startApi({ NODE_ENV: 'production', DATA_DIR: '/tmp/never', PORT: '0', LOG_LEVEL: 'silent' })).rejects.toThrow(/API_KEYS/);
  });
});
