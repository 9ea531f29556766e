import * as f from '@apo/coe/testing';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

/**
 * The Idempotency-Key contract (Stripe's): scoped to the caller and the instance; the same key
 * with the same request replays the first answer (`Idempotent-Replayed: true`), appending
 * nothing; the same key with any other request is a 422 that appends nothing.
 */
describe('Idempotency-Key over HTTP (real server, real port)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 30_000);
  afterAll(() => h.stop());

  const key = (k: string) => ({ 'Idempotency-Key': k });
  const revisionOf = async (id: string) => (await h.request('GET', `/coes/${id}`, { role: 'auditor' })).body.revision;
  /** Submitted, reviewed, designated and launched (the launch date is past): revision 3. */
  const designated = async (id: string) => {
    for (const c of f.history.designation()) expect((await h.command(id, c.type, c.data)).status).toBeLessThan(300);
  };
  const activity = (activityId: string, title = 'Smart factory bootcamp') => f.recordActivity('2025-10-01', { activityId, title }).data;
  const expectReused = (r: HttpAnswer) => {
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', firstRevision: 4 });
  };

  it('the same key and the same request: the first answer again, marked as replayed, one event', async () => {
    await designated('idem-same');
    const first = await h.command('idem-same', 'RecordActivity', activity('a1'), 'assessor', key('k1'));
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(activity('a1')).reverse());
    for (const body of [activity('a1'), reordered]) {
      const retry = await h.command('idem-same', 'RecordActivity', body, 'assessor', key('k1'));
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('x-log-position')).toBe(first.headers.get('x-log-position'));
    }
    expect(await revisionOf('idem-same')).toBe(4);
  });

  it('the same key with another body on the same route: 422, nothing appended (it used to answer 200 and drop the command)', async () => {
    await designated('idem-body');
    await h.command('idem-body', 'RecordActivity', activity('a1'), 'assessor', key('k'));
    expectReused(await h.command('idem-body', 'RecordActivity', activity('a2'), 'assessor', key('k')));
    expectReused(await h.command('idem-body', 'RecordActivity', activity('a1', 'Another title'), 'assessor', key('k')));
    expect(await revisionOf('idem-body')).toBe(4);
  });

  it('the same key on another route of the same instance: 422, nothing appended', async () => {
    await designated('idem-route');
    await h.command('idem-route', 'RecordActivity', activity('a1'), 'assessor', key('k'));
    expectReused(await h.command('idem-route', 'RecordPublication', f.recordPublication('2025-10-02').data, 'assessor', key('k')));
    expect(await revisionOf('idem-route')).toBe(4);
  });

  it('the same key on another instance, or from another caller: a new command', async () => {
    await designated('idem-x');
    await designated('idem-y');
    await h.command('idem-x', 'RecordActivity', activity('a1'), 'assessor', key('shared'));
    const otherInstance = await h.command('idem-y', 'RecordActivity', activity('a1'), 'assessor', key('shared'));
    expect(otherInstance.status).toBe(200);
    expect(otherInstance.headers.get('idempotent-replayed')).toBeNull();
    const otherCaller = await h.command('idem-x', 'RecordActivity', activity('a2'), 'admin', key('shared'));
    expect(otherCaller.status).toBe(200);
    expect(otherCaller.headers.get('idempotent-replayed')).toBeNull();
    expect([await revisionOf('idem-x'), await revisionOf('idem-y')]).toEqual([5, 4]);
  });

  it('a refused request stores nothing under its key: the corrected request is then recorded', async () => {
    await designated('idem-fix');
    const refused = await h.command('idem-fix', 'RecordActivity', { ...activity('a1'), kind: 'party' }, 'assessor', key('k'));
    expect(refused.status).toBe(400);
    const corrected = await h.command('idem-fix', 'RecordActivity', activity('a1'), 'assessor', key('k'));
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(await revisionOf('idem-fix')).toBe(4);
  });

  it('concurrent duplicates of one keyed request record it once; all answers agree', async () => {
    await designated('idem-race');
    const answers = await Promise.all(Array.from({ length: 8 }, () => h.command('idem-race', 'RecordActivity', activity('a1'), 'assessor', key('race'))));
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body])))).toEqual(new Set([JSON.stringify([200, answers[0].body])]));
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    expect(await revisionOf('idem-race')).toBe(4);
  });
});
