import * as f from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

type Entry = { revision: number; type: string; effectiveDate: string; recordedAt: string; actor: { id: string; role: string }; from: string; to: string };

describe('GET /coes/:id/events and /bcn-exchanges/:id/events: the timeline every reader sees', () => {
  const h = new ApiHarness();
  beforeAll(async () => {
    await h.start();
    h.clock.set('2031-01-10T09:00:00.000Z');
    const applied = await h.command('tl-coe', 'SubmitApplication', { ...f.submitApplication().data, name: 'Timeline COE' }, 'assessor');
    expect(applied.status).toBe(201);
  });
  afterAll(() => h.stop());

  it('lists the events oldest first with business date, recorded time, actor, states and data, for the reporter too', async () => {
    const r = await h.request('GET', '/coes/tl-coe/events', { role: 'reporter' });
    expect(r.status).toBe(200);
    const [first] = r.body.events as Entry[];
    expect(first).toMatchObject({
      revision: 0,
      type: 'ApplicationSubmitted',
      effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      recordedAt: '2031-01-10T09:00:00.000Z',
      actor: { id: 'test-assessor', role: 'assessor' },
      from: 'new',
      to: 'applied',
      data: expect.objectContaining({ name: 'Timeline COE' }),
    });
    expect(Object.keys(first)).not.toContain('metadata');
  });

  it('answers 404 for an unknown instance of either programme', async () => {
    expect((await h.request('GET', '/coes/nope/events', { role: 'assessor' })).status).toBe(404);
    expect((await h.request('GET', '/bcn-exchanges/nope/events', { role: 'assessor' })).status).toBe(404);
  });
});
