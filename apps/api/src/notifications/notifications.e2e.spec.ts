import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature, WebhookDispatcher, type NotificationPayload } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { READ_STORE } from '../infrastructure/tokens';
import { ApiHarness } from '../testing/api-harness';

const SECRET = 'e2e-receiver-secret-0123';
const POSITION = '900001';

const payload: NotificationPayload = {
  id: '5f0c2a4e-1d2b-5c3a-9e8f-0a1b2c3d4e5f',
  category: 'transition',
  type: 'PhaseAdvanced',
  programme: 'coe',
  instanceId: 'th-digital',
  streamId: 'coe-th-digital',
  revision: 7,
  position: POSITION,
  from: 'active.delivery.year1',
  to: 'active.delivery.year2',
  data: { advancedOn: '2030-12-31' },
  actor: { id: 'test-assessor', role: 'assessor' },
  recordedAt: '2030-12-31T09:00:00.000Z',
  effectiveDate: '2030-12-31',
};

/** /notifications/...: dead letters of a real dispatcher against a real receiver, read and retried over HTTP. */
describe('notifications API (real server, real webhook receiver)', () => {
  const h = new ApiHarness();
  let readStore: ReadStore;
  let server: Server;
  let status = 500;
  const received: { headers: IncomingHttpHeaders; rawBody: string }[] = [];
  let dispatcher: WebhookDispatcher;

  beforeAll(async () => {
    await h.start();
    readStore = h.api.app.get<symbol, ReadStore>(READ_STORE, { strict: false });
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (status === 200) received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(status).end(status === 200 ? 'ok' : 'receiver broken');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
    dispatcher = new WebhookDispatcher({
      readStore,
      clock: h.clock,
      maxAttempts: 2,
      baseDelayMs: 1_000,
      webhooks: [{ id: 'chat', url, secret: SECRET, categories: ['transition', 'deadline'], fromStart: true }],
    });
    // One notification in the outbox, as the outbox projection writes it.
    await readStore.db
      .insertInto('notification_outbox')
      .values({
        position: POSITION,
        event_id: payload.id,
        category: payload.category,
        event_type: payload.type,
        stream_id: payload.streamId,
        payload: JSON.stringify(payload),
        recorded_at: payload.recordedAt,
      })
      .execute();
  }, 60_000);
  afterAll(async () => {
    await dispatcher.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.stop();
  });

  it('lists a notification dead-lettered after maxAttempts, with its summary and last error', async () => {
    await dispatcher.tick();
    h.clock.set(new Date(h.clock.now().getTime() + 1_000));
    await dispatcher.tick();

    const r = await h.request('GET', '/notifications/dead-letters', { role: 'admin' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      items: [
        {
          webhook: 'chat',
          position: POSITION,
          eventId: payload.id,
          category: 'transition',
          type: 'PhaseAdvanced',
          programme: 'coe',
          instanceId: 'th-digital',
          streamId: 'coe-th-digital',
          from: 'active.delivery.year1',
          to: 'active.delivery.year2',
          recordedAt: payload.recordedAt,
          attempts: 2,
          lastError: 'HTTP 500: receiver broken',
          failedAt: h.clock.now().toISOString(),
        },
      ],
      total: 1,
      limit: 100,
      offset: 0,
    });
    expect((await h.request('GET', '/notifications/dead-letters?webhook=other&limit=5', { role: 'admin' })).body).toEqual({
      items: [],
      total: 0,
      limit: 5,
      offset: 0,
    });
    expect((await h.request('GET', '/notifications/deliveries/stats', { role: 'admin' })).body).toEqual({
      webhooks: [{ webhook: 'chat', pending: 0, delivered: 0, dead: 1, lastDeliveredAt: null }],
    });
  });

  it('is for admins only, and refuses bad parameters with 400', async () => {
    expect((await h.request('GET', '/notifications/dead-letters')).status).toBe(401);
    for (const role of ['assessor', 'auditor', 'reporter'] as const) {
      expect((await h.request('GET', '/notifications/dead-letters', { role })).status).toBe(403);
      expect((await h.request('GET', '/notifications/deliveries/stats', { role })).status).toBe(403);
      expect((await h.request('POST', `/notifications/dead-letters/chat/${POSITION}/retry`, { role })).status).toBe(403);
    }
    for (const query of ['limit=0', 'limit=5000', 'offset=-1', 'limit=x', 'webhook=bad%20id', 'unknown=1']) {
      const r = await h.request('GET', `/notifications/dead-letters?${query}`, { role: 'admin' });
      expect([query, r.status, r.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    const bad = await h.request('POST', '/notifications/dead-letters/chat/12ab/retry', { role: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'position', message: 'must be an outbox position (digits), at most 9223372036854775807' }]);
  });

  it('retry: 404 unless dead-lettered; once the receiver is fixed, the retried notification is delivered, signed', async () => {
    const missing = await h.request('POST', '/notifications/dead-letters/chat/42/retry', { role: 'admin' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', detail: 'dead letter chat/42 was not found' });
    expect((await h.request('POST', `/notifications/dead-letters/other/${POSITION}/retry`, { role: 'admin' })).status).toBe(404);

    status = 200;
    const retried = await h.request('POST', `/notifications/dead-letters/chat/${POSITION}/retry`, { role: 'admin' });
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ webhook: 'chat', position: POSITION, status: 'pending', nextAttemptAt: h.clock.now().toISOString() });
    expect((await h.request('POST', `/notifications/dead-letters/chat/${POSITION}/retry`, { role: 'admin' })).status).toBe(404); // pending now

    expect(await dispatcher.tick()).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
    const [{ headers, rawBody }] = received;
    expect(verifySignature(SECRET, headers['x-apo-signature'] as string, rawBody, h.clock.now())).toBe(true);
    expect(headers['x-apo-delivery']).toBe(payload.id);
    expect(JSON.parse(rawBody)).toEqual(payload);
    expect((await h.request('GET', '/notifications/dead-letters', { role: 'admin' })).body).toMatchObject({ items: [], total: 0 });
    expect((await h.request('GET', '/notifications/deliveries/stats', { role: 'admin' })).body).toEqual({
      webhooks: [{ webhook: 'chat', pending: 0, delivered: 1, dead: 0, lastDeliveredAt: h.clock.now().toISOString() }],
    });
  });
});
