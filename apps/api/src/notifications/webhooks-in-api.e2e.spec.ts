import * as f from '@apo/coe/testing';
import { SIGNATURE_HEADER, verifySignature } from '@apo/notifications';
import { WebhookReceiver } from '@apo/notifications/testing';
import { ApiHarness } from '../testing/api-harness';

const SECRET = 'e2e-webhook-secret-0123456789';

/** Commands and the scheduler's notices reach a subscriber's webhook from the API as it runs by default. */
describe('webhooks from the API (in-process read models, scheduler and dispatcher)', () => {
  const h = new ApiHarness();
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    const webhooks = JSON.stringify([{ id: 'chat', url: receiver.url, secret: SECRET, fromStart: true }]);
    // Long intervals: the test ticks by hand.
    await h.start({ SCHEDULER: 'on', SCHEDULER_INTERVAL_MS: '3600000', WEBHOOKS: webhooks, WEBHOOK_INTERVAL_MS: '3600000' });
    h.clock.set('2026-07-02T08:00:00Z');
  }, 60_000);
  afterAll(async () => {
    await h.stop();
    await receiver.close();
  });

  const jobs = () => h.api.jobs;
  /** Waits until the read models hold the log up to `position` (what the scheduler and outbox read). */
  const settle = (position: string) => h.request('GET', '/deadlines', { role: 'reporter', headers: { 'X-Min-Position': position } });

  it('POSTs every transition and every due/overdue notice, signed, in log order', async () => {
    let position = '0';
    for (const c of f.history.designation()) {
      const answer = await h.command('hook-1', c.type, c.data);
      expect(answer.status).toBeLessThan(300);
      position = answer.headers.get('x-log-position') as string;
    }
    await settle(position);
    expect(await jobs().scheduler?.tick()).toMatchObject({ appended: 2 });
    const history = await h.request('GET', '/coes/hook-1/history', { role: 'auditor' });
    await settle((history.body.events as { position: string }[]).at(-1)?.position as string);
    await jobs().dispatcher?.tick();

    const bodies = receiver.received.map((r) => JSON.parse(r.rawBody) as { type: string; category: string; instanceId: string; position: string });
    expect(bodies.map((b) => `${b.category} ${b.type}`)).toEqual([
      'transition ApplicationSubmitted',
      'transition ReviewStarted',
      'transition CoeDesignated',
      // The launch date (2025-07-01) is past: the designation command launches the COE too.
      'transition CoeLaunched',
      'deadline AssessmentFellDue',
      'deadline AssessmentBecameOverdue',
    ]);
    expect(bodies.every((b) => b.instanceId === 'hook-1')).toBe(true);
    for (const r of receiver.received)
      expect(verifySignature(SECRET, r.headers[SIGNATURE_HEADER.toLowerCase()] as string, r.rawBody, h.clock.now())).toBe(true);
    const stats = await h.request('GET', '/notifications/deliveries/stats', { role: 'admin' });
    expect(JSON.stringify(stats.body)).toContain('"delivered":6');
  });
});
