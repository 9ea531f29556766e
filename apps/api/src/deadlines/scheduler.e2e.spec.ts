import * as f from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

/** The scheduler as the API runs it by default (in-process, with the read models). */
describe('deadline scheduler inside the API (SCHEDULER=on)', () => {
  const h = new ApiHarness();
  beforeAll(async () => {
    // A long interval: the test ticks by hand, so what it sees does not depend on timing.
    await h.start({ SCHEDULER: 'on', SCHEDULER_INTERVAL_MS: '3600000', SCHEDULER_LEAD_DAYS: '14' });
    h.clock.set('2026-06-01T08:00:00Z');
    for (const c of f.history.designation()) expect((await h.command('sg-1', c.type, c.data)).status).toBeLessThan(300);
  }, 60_000);
  afterAll(() => h.stop());

  const scheduler = () => {
    const scheduler = h.api.jobs.scheduler;
    if (!scheduler) throw new Error('the API runs no scheduler');
    return scheduler;
  };
  /** Ticks once the read model has the COE's last event (a scheduler reads the deadlines read model). */
  const tickOn = async (day: string) => {
    h.clock.set(`${day}T08:00:00Z`);
    const history = await h.request('GET', '/coes/sg-1/history', { role: 'auditor' });
    const last = (history.body.events as { position: string }[]).at(-1)?.position ?? '0';
    await h.request('GET', '/coes/sg-1/deadlines', { role: 'reporter', headers: { 'X-Min-Position': last } });
    return scheduler().tick();
  };
  const notices = async () => {
    const history = await h.request('GET', '/coes/sg-1/history', { role: 'auditor' });
    return (history.body.events as { type: string; metadata: { actor: { id: string } } }[])
      .filter((e) => e.metadata.actor.id === 'system:scheduler')
      .map((e) => e.type);
  };

  it('writes the configured reminder, the due and the overdue notice to the COE, each once, shown by the deadline routes', async () => {
    expect(await tickOn('2026-06-16')).toMatchObject({ appended: 0 });
    expect(await tickOn('2026-06-17')).toMatchObject({ appended: 1 });
    expect(await tickOn('2026-06-17')).toMatchObject({ appended: 0 });
    expect(await tickOn('2026-07-02')).toMatchObject({ appended: 2 });
    expect(await notices()).toEqual(['AssessmentDueSoon', 'AssessmentFellDue', 'AssessmentBecameOverdue']);
    await tickOn('2026-07-03');
    const deadlines = await h.request('GET', '/deadlines?overdue=true', { role: 'reporter' });
    expect(deadlines.body.items).toEqual([
      expect.objectContaining({ instanceId: 'sg-1', deadline: 'assessment:designation', notices: ['lead-14', 'due', 'overdue'], overdue: true }),
    ]);
  });

  it('does not offer notices among the events people may cause (no route takes NoteDeadline; the system role alone may issue it)', async () => {
    const coe = await h.request('GET', '/coes/sg-1', { role: 'auditor' });
    expect(coe.body.allowedEvents).not.toContain('AssessmentFellDue');
  });
});
