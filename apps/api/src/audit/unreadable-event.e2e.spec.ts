import { Tamper } from '@apo/audit/testing';
import * as f from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

const problemType = 'application/problem+json';
const draft = {
  title: 'Green productivity audits',
  topic: 'green productivity',
  programmeYear: 2031,
  sendingNpo: 'NP',
  hostingNpo: 'JP',
  draftedOn: '2031-01-10',
};

describe('audit routes on a store holding events that no longer parse (real server, tampered file)', () => {
  const h = new ApiHarness();
  const get = (path: string, headers: Record<string, string> = {}) => h.request('GET', path, { role: 'auditor', headers });
  /** Log positions of the damaged events. */
  const at = { coe: 0, bcn: 0 };

  beforeAll(async () => {
    await h.start();
    for (const id of ['c1', 'c2']) for (const c of f.history.designation()) expect([200, 201]).toContain((await h.command(id, c.type, c.data)).status);
    h.clock.set('2031-05-10T09:00:00Z');
    expect((await h.bcnCommand('b1', 'DraftExchange', draft)).status).toBe(201);
    expect((await h.bcnCommand('b1', 'SubmitExchange', { submittedOn: '2031-04-20' })).status).toBe(200);
    const dir = await h.halt();
    const t = new Tamper(dir);
    try {
      t.overwrite('coe-c1', 1, 'data', '{"startedOn":');
      t.overwrite('bcn-b1', 1, 'metadata', '[]');
      at.coe = t.row('coe-c1', 1).position;
      at.bcn = t.row('bcn-b1', 1).position;
    } finally {
      t.close();
    }
    await h.start({}, dir);
  }, 60_000);
  afterAll(() => h.stop());

  const malformedCoe = () =>
    expect.objectContaining({
      streamId: 'coe-c1',
      revision: 1,
      kind: 'malformed',
      part: 'data',
      position: String(at.coe),
      actual: expect.stringMatching(/^unreadable data: .*JSON/),
    });
  const malformedBcn = () =>
    expect.objectContaining({
      streamId: 'bcn-b1',
      revision: 1,
      kind: 'malformed',
      part: 'metadata',
      position: String(at.bcn),
      actual: 'unreadable metadata: a JSON array',
    });

  it('verify of one instance: 200, ok false, the malformed divergence naming the event, its position and part', async () => {
    const coe = await get('/coes/c1/verify');
    expect(coe.status).toBe(200);
    expect(coe.body).toMatchObject({ id: 'c1', ok: false, events: 4, divergences: [malformedCoe()], head: { revision: 3 } });
    const bcn = await get('/bcn-exchanges/b1/verify');
    expect(bcn.status).toBe(200);
    // The exchange's head is the unreadable event: its hash is unknown.
    expect(bcn.body).toMatchObject({ id: 'b1', ok: false, events: 2, divergences: [malformedBcn()], head: { revision: 1, hash: '' } });
    expect((await get('/coes/c2/verify')).body).toMatchObject({ ok: true, events: 4 });
  });

  it('history, state and the export of one instance: 409 EVENT_UNREADABLE naming the event, never a 500', async () => {
    const coeProblem = {
      status: 409,
      code: 'EVENT_UNREADABLE',
      streamId: 'coe-c1',
      revision: 1,
      position: String(at.coe),
      part: 'data',
      reason: expect.stringMatching(/JSON/),
    };
    for (const path of [
      '/coes/c1/history',
      '/coes/c1/history?format=timeline',
      '/coes/c1/state',
      '/coes/c1/state?revision=0',
      '/coes/c1/export',
      '/coes/c1/export?format=csv',
    ]) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 409]);
      expect(r.headers.get('content-type')).toContain(problemType);
      expect(r.body).toMatchObject(coeProblem);
      expect(r.body.detail).toMatch(/^stored event coe-c1@1 \(log position \d+\): data is not a JSON object/);
    }
    const bcn = await get('/bcn-exchanges/b1/history');
    expect(bcn.body).toMatchObject({ status: 409, code: 'EVENT_UNREADABLE', streamId: 'bcn-b1', part: 'metadata', reason: 'a JSON array' });
    expect((await get('/coes/c2/history')).status).toBe(200);
  });

  it('the whole store: verify reports both, the seal is taken, the export carries every event and marks the unreadable ones', async () => {
    for (const query of ['', `?seal=${'ab'.repeat(32)}`]) {
      const whole = await get(`/audit/verify${query}`);
      expect(whole.status).toBe(200);
      expect(whole.body).toMatchObject({ ok: false, streams: 3, events: 10, brokenStreams: 2 });
      expect(whole.body.divergences).toEqual(expect.arrayContaining([malformedCoe(), malformedBcn()]));
    }
    const seal = await get('/audit/seal');
    expect(seal.body).toMatchObject({ streams: 3, events: 10 });
    expect(seal.body.heads).toContainEqual({ streamId: 'bcn-b1', revision: 1, hash: '' });
    const jsonl = await get('/audit/export');
    expect(jsonl.status).toBe(200);
    const lines = String(jsonl.body.text)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(10);
    expect(lines).toContainEqual({
      position: String(at.coe),
      streamId: 'coe-c1',
      revision: 1,
      unreadable: { part: 'data', reason: expect.stringMatching(/JSON/) },
    });
    expect(lines).toContainEqual({ position: String(at.bcn), streamId: 'bcn-b1', revision: 1, unreadable: { part: 'metadata', reason: 'a JSON array' } });
    const csv = String((await get('/audit/export?format=csv')).body.text)
      .trimEnd()
      .split('\r\n');
    expect(csv).toHaveLength(11);
    expect(csv).toContain(`${at.bcn},bcn-b1,1${','.repeat(18)},metadata: a JSON array`);
  }, 30_000);
});
