import * as f from '@apo/coe/testing';
import { ApiHarness } from '../../testing/api-harness';
import { ALARM_POLL_MS } from './alarm-gate';
import type { OpenAlarm } from './alarm-source';

const alarm: OpenAlarm = {
  id: 3,
  kind: 'deleted-stream',
  summary: 'deleted stream coe-gone (leaves 4, 9, 12)',
  detectedAt: '2031-01-01T00:00:00.000Z',
};
const afterPoll = () => new Promise((resolve) => setTimeout(resolve, ALARM_POLL_MS + 50));

describe('writes are refused while an audit alarm is open (real server, a fake alarm source)', () => {
  const h = new ApiHarness();
  let open: OpenAlarm[] = [];

  beforeAll(async () => {
    h.alarms = { openAlarms: async () => open };
    await h.start();
  }, 60_000);
  afterAll(() => h.stop());

  it('with no alarm, commands are accepted and /health is ok', async () => {
    expect((await h.request('GET', '/health')).body).toMatchObject({ status: 'ok', audit: { openAlarms: 0 } });
    for (const c of f.history.designation()) expect([200, 201]).toContain((await h.command('c1', c.type, c.data)).status);
  });

  it('with an alarm open: every route that appends answers 503 AUDIT_ALARM naming it, reads stay open', async () => {
    open = [alarm];
    await afterPoll();
    const next = f.history.year1()[3];
    const command = await h.command('c1', next.type, next.data);
    expect(command.status).toBe(503);
    expect(command.headers.get('content-type')).toContain('application/problem+json');
    expect(command.body).toMatchObject({
      type: 'urn:apo:problem:audit_alarm',
      status: 503,
      code: 'AUDIT_ALARM',
      alarm: { id: 3, kind: 'deleted-stream', summary: alarm.summary, detectedAt: alarm.detectedAt },
      openAlarms: 1,
    });
    expect(command.body.detail).toContain('deleted stream coe-gone (leaves 4, 9, 12)');
    // A new instance, the BCN programme and the import: refused alike, nothing appended.
    const [submit] = f.history.designation();
    expect((await h.command('c2', submit.type, submit.data)).status).toBe(503);
    expect((await h.bcnCommand('x1', 'DraftExchange', {})).body.code).toBe('AUDIT_ALARM');
    expect((await h.request('POST', '/imports', { role: 'admin', body: { lines: [] } })).body.code).toBe('AUDIT_ALARM');
    expect((await h.request('GET', '/coes/c2/history', { role: 'auditor' })).status).toBe(404);
    // Reads answer as before.
    const history = await h.request('GET', '/coes/c1/history', { role: 'auditor' });
    expect(history.status).toBe(200);
    expect(history.body.events).toHaveLength(4);
    // /health is degraded and counts it (without naming it: /health is public); /metrics counts it too.
    const health = await h.request('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'degraded', audit: { openAlarms: 1 } } });
    expect(JSON.stringify(health.body)).not.toContain('coe-gone');
    expect(await h.metrics()).toMatch(/^apo_audit_open_alarms 1$/m);
    // Who is not authenticated learns nothing of the alarm.
    expect((await h.request('POST', `/coes/c1/activities`, { body: {} })).status).toBe(401);
  });

  it('once the alarm is acknowledged (no longer open), writes are accepted again within a second', async () => {
    open = [];
    await afterPoll();
    const [submit] = f.history.designation();
    expect([200, 201]).toContain((await h.command('c2', submit.type, submit.data)).status);
    expect((await h.request('GET', '/health')).body).toMatchObject({ audit: { openAlarms: 0 } });
    expect(await h.metrics()).toMatch(/^apo_audit_open_alarms 0$/m);
  });
});
