import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

const ID = BCN_LIFE_SCRIPT_ID;
const STREAM = `bcn-${ID}`;

describe('BCN audit, reports and the link to COE replications (real server)', () => {
  const h = new ApiHarness();
  const as = (role: 'auditor' | 'reporter' | 'assessor', path: string, headers: Record<string, string> = {}) => h.request('GET', path, { role, headers });
  let lastPosition = '0';

  beforeAll(async () => {
    await h.start();
    // A COE's whole life (its replication cites the exchange) and the exchange, as the days went.
    const steps = [...coeLifeScriptV2.map((s) => ({ ...s, bcn: false })), ...bcnLifeScript.map((s) => ({ ...s, bcn: true }))].sort((a, b) =>
      a.on < b.on ? -1 : a.on > b.on ? 1 : 0,
    );
    for (const step of steps) {
      h.clock.set(`${step.on}T09:00:00Z`);
      const answer: HttpAnswer = step.bcn
        ? await h.bcnCommand(ID, step.command.type, step.command.data, step.role)
        : await h.command('th-digital', step.command.type, step.command.data, step.role);
      expect([step.command.type, answer.status < 300]).toEqual([step.command.type, true]);
      lastPosition = answer.headers.get('x-log-position') as string;
    }
    h.clock.set('2031-01-01T00:00:00Z');
  }, 60_000);
  afterAll(() => h.stop());

  it('shows the link both ways: the exchange lists the COE replication that cites it', async () => {
    const view = await as('reporter', `/bcn-exchanges/${ID}`, { 'X-Min-Position': lastPosition });
    expect(view.body).toMatchObject({
      id: ID,
      state: 'closed',
      coeReplications: [{ coeId: 'th-digital', replicationId: 'rep-1', targetEconomy: 'LA', date: '2030-02-12', bcnExchangeId: ID }],
      readModelPosition: expect.stringMatching(/^\d+$/),
    });
    const replications = await as('reporter', `/reports/replications?bcnExchangeId=${ID}`);
    expect(replications.body).toMatchObject({ total: 1, items: [{ coeId: 'th-digital', bcnExchangeId: ID }] });
  });

  it('history over HTTP: every event with its metadata, verified; as a timeline too', async () => {
    const r = await as('auditor', `/bcn-exchanges/${ID}/history`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: ID, streamId: STREAM, definition: 'bcn-exchange', version: 1, verification: { ok: true, divergences: [] } });
    const events = r.body.events as { type: string; metadata: Record<string, unknown> }[];
    expect(events).toHaveLength(bcnLifeScript.length);
    expect(events[3]).toMatchObject({
      type: 'ExchangeScheduled',
      metadata: { from: 'approved', to: 'scheduled', effectiveDate: '2030-05-02', actor: { id: 'test-assessor', role: 'assessor' } },
    });
    const timeline = await as('auditor', `/bcn-exchanges/${ID}/history?format=timeline`);
    expect(timeline.body.text).toMatch(/^#3 +2030-05-02 {2}ExchangeScheduled {2}approved -> scheduled$/m);
    expect(timeline.body.text).toContain('verified: the replay, the hash chain and the revisions agree');
  });

  it('verify, time travel and export of the BCN stream; the whole store verifies', async () => {
    expect((await as('auditor', `/bcn-exchanges/${ID}/verify`)).body).toMatchObject({ id: ID, ok: true, events: bcnLifeScript.length, divergences: [] });
    expect((await as('auditor', `/bcn-exchanges/${ID}/state?at=2030-06-01`)).body).toMatchObject({
      id: ID,
      revision: 4,
      state: 'scheduled',
      details: { schedule: { modality: 'virtual' } },
      overdue: false,
    });
    expect((await as('auditor', `/bcn-exchanges/${ID}/state?revision=1`)).body).toMatchObject({
      state: 'submitted',
      allowedEvents: ['ExchangeApproved', 'ExchangeRejected', 'ExchangeWithdrawn'],
    });
    const csv = await as('auditor', `/bcn-exchanges/${ID}/export?format=csv`);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${STREAM}.csv"`);
    expect((csv.body.text as string).trimEnd().split('\r\n')).toHaveLength(bcnLifeScript.length + 1);
    expect((await as('auditor', '/audit/verify')).body).toMatchObject({ ok: true, streams: 2, events: coeLifeScriptV2.length + bcnLifeScript.length });
    expect((await as('auditor', '/bcn-exchanges/nobody/history')).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'BCN exchange nobody was not found',
    });
    expect((await as('assessor', `/bcn-exchanges/${ID}/verify`)).status).toBe(403);
  });

  it('reports: exchanges, window statistics and follow-up counts as JSON and CSV, with the read-model position', async () => {
    const exchanges = await as('reporter', '/reports/bcn-exchanges?sendingEconomy=LA&hostingEconomy=TH&window=1&modality=virtual&state=closed');
    expect(exchanges.body).toMatchObject({ total: 1, items: [{ id: ID, programmeYear: 2030, followUps: 2 }] });
    expect(exchanges.headers.get('x-read-model-position')).toBe(exchanges.body.position);
    const windows = await as('reporter', '/reports/bcn-windows?programmeYear=2030');
    expect(windows.body.items).toEqual([
      expect.objectContaining({
        programmeYear: 2030,
        origin: 'application',
        window: 1,
        closingDate: '2030-03-31',
        exchanges: 1,
        closed: 1,
        virtual: 1,
        participants: 4,
      }),
    ]);
    const followUps = await as('reporter', '/reports/bcn-follow-ups', { accept: 'text/csv' });
    expect(followUps.body.text).toBe(
      'year,kind,sendingEconomy,hostingEconomy,followUps,exchanges\r\n2030,jointProject,LA,TH,1,1\r\n2030,training,LA,TH,1,1\r\n',
    );
    const empty = await as('reporter', '/reports/bcn-exchanges?sendingEconomy=FJ', { accept: 'text/csv' });
    expect((empty.body.text as string).split(',').slice(0, 3)).toEqual(['id', 'title', 'topic']);
    expect((await as('reporter', '/reports/bcn-windows?sincePosition=1')).body).toMatchObject({ status: 400, fields: [{ field: 'sincePosition' }] });
    for (const route of ['bcn-exchanges', 'bcn-windows', 'bcn-follow-ups'])
      expect([route, (await as('assessor', `/reports/${route}`)).status]).toEqual([route, 403]);
  });

  it('documents the BCN routes in the OpenAPI document', async () => {
    const doc = (await fetch(`${h.api.url}/docs-json`).then((r) => r.json())) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/bcn-exchanges/{id}/schedule'].post.operationId).toBe('scheduleExchange');
    expect(doc.paths['/bcn-exchanges/{id}/history'].get.operationId).toBe('getBcnExchangeHistory');
    expect(doc.paths['/reports/bcn-windows'].get.operationId).toBe('reportBcnWindows');
    const actions = ['draft', 'submission', 'proposal', 'approval', 'rejection', 'schedule', 'implementation', 'report', 'follow-ups', 'closure', 'withdrawal'];
    const reads = ['history', 'events', 'state', 'verify', 'export', 'evidence', 'deadlines'];
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/bcn-exchanges/{id}/'))
        .sort(),
    ).toEqual([...actions, ...reads].map((r) => `/bcn-exchanges/{id}/${r}`).sort());
  });
});
