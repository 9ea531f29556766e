import { ManualClock } from '@apo/engine';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import type { ReadStore } from '@apo/read-store';
import { notificationOutboxProjection, type NotificationPayload } from '@apo/shared-read-models';
import { ProjectionRunner } from '@apo/projections';
import { testTargets, type TestReadStoreTarget } from '@apo/read-store/testing';
import { lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { deliveryStats, listDeadLetters, retryDeadLetter } from './deliveries';
import { verifySignature } from './signature';
import type { WebhookConfig } from './webhook-config';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';
import { WebhookReceiver } from './testing/webhook-receiver';

const registry = createRegistry();
// Transitions of the life script (version 2) are its steps 0, 1, 2 (designated), 3 (launched), 8, 13, 14, 15, 20, 22 and 25 (one event each).
const steps = lifeScriptSteps('th-digital', coeLifeScriptV2);
const second = lifeScriptSteps('second', coeLifeScriptV2);
const SECRET = 'receiver-secret-0123456789';
const BASE = 10_000;

const webhook = (id: string, url: string, extra: Partial<WebhookConfig> = {}): WebhookConfig => ({
  id,
  url,
  secret: SECRET,
  categories: ['transition', 'deadline'],
  fromStart: true,
  ...extra,
});

describe.each(testTargets('webhook dispatcher'))('webhook dispatcher (%s)', (_dialect, makeTarget) => {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-'));
  let target: TestReadStoreTarget;
  const receiver = new WebhookReceiver();
  const clock = new ManualClock('2031-01-01T00:00:00.000Z');
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  let dispatcher: WebhookDispatcher;

  const make = (webhooks: WebhookConfig[], options: Partial<WebhookDispatcherOptions> = {}) =>
    new WebhookDispatcher({ readStore, webhooks, clock, maxAttempts: 4, baseDelayMs: BASE, maxDelayMs: 25_000, timeoutMs: 2_000, batch: 4, ...options });
  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  /** Ticks until a tick does nothing (a failure or backoff ends it too). */
  const drain = async (d = dispatcher) => {
    for (let i = 0; i < 100; i++) {
      const r = await d.tick();
      if (r.enqueued + r.delivered + r.dead === 0) return;
    }
    throw new Error('dispatcher never settled');
  };
  const outboxPositions = async () =>
    (await readStore.db.selectFrom('notification_outbox').select('position').orderBy('position').execute()).map((r) => String(r.position));
  const delivery = async (id: string, position: string) =>
    readStore.db.selectFrom('webhook_deliveries').selectAll().where('webhook', '=', id).where('position', '=', position).executeTakeFirstOrThrow();
  /** Positions received, each once (in order of first receipt): what a deduping receiver keeps. */
  const receivedPositions = () => [...new Set(receiver.received.map((r) => (JSON.parse(r.rawBody) as NotificationPayload).position))];

  beforeAll(async () => {
    store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    target = makeTarget();
    readStore = await target.open();
    runner = new ProjectionRunner({ store, readStore, projections: [notificationOutboxProjection(registry)] });
    await runner.start();
    await receiver.start();
    dispatcher = make([webhook('main', receiver.url)]);
    await runSteps(store, steps.slice(0, 8));
    await runner.catchUp();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await receiver.close();
    await runner?.stop();
    await readStore?.close();
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every notification, signed, once, in position order', async () => {
    await drain();
    const positions = await outboxPositions();
    expect(positions).toEqual(['1', '2', '3', '4']);
    expect(receivedPositions()).toEqual(positions);
    for (const { headers, rawBody } of receiver.received) {
      expect(verifySignature(SECRET, headers['x-apo-signature'] as string, rawBody, clock.now())).toBe(true);
      expect(verifySignature('another-secret-0123456', headers['x-apo-signature'] as string, rawBody, clock.now())).toBe(false);
      const payload = JSON.parse(rawBody) as NotificationPayload;
      expect(headers['x-apo-delivery']).toBe(payload.id);
      expect(headers['x-apo-event']).toBe(payload.type);
      expect(headers['content-type']).toBe('application/json');
      expect(payload).toMatchObject({
        programme: 'coe',
        instanceId: 'th-digital',
        streamId: 'coe-th-digital',
        category: 'transition',
        position: expect.any(String),
      });
    }
    expect(await deliveryStats(readStore)).toEqual([
      { webhook: 'main', pending: 0, delivered: positions.length, dead: 0, lastDeliveredAt: clock.now().toISOString() },
    ]);
  });

  it('backs off while the receiver is down, then delivers everything once it is back', async () => {
    const before = receiver.received.length;
    await receiver.close();
    await runSteps(store, steps.slice(8, 15));
    await runner.catchUp();
    const waiting = (await outboxPositions()).slice(before);
    expect(waiting.length).toBeGreaterThan(2);
    const head = waiting[0];

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await dispatcher.tick()).toMatchObject({ delivered: 0, failed: 1 });
      const row = await delivery('main', head);
      expect(row).toMatchObject({ status: 'pending', attempts: attempt, last_error: expect.stringMatching(/^network error: /) });
      delays.push(Date.parse(String(row.next_attempt_at)) - clock.now().getTime());
      // Not due yet: nothing is attempted, and nothing behind it overtakes it.
      expect(await dispatcher.tick()).toMatchObject({ delivered: 0, failed: 0 });
      advance(delays[delays.length - 1]);
    }
    expect(delays).toEqual([BASE, 2 * BASE, 25_000]); // doubling, capped at maxDelayMs
    // Only the head was tried; those behind it wait untouched.
    expect((await delivery('main', waiting[1])).attempts).toBe(0);

    await receiver.start(); // same port
    await drain();
    expect(receivedPositions()).toEqual(await outboxPositions());
    expect(await delivery('main', head)).toMatchObject({ status: 'delivered', attempts: 4, next_attempt_at: null });
  });

  it('re-sends (never skips) a notification whose POST succeeded just before a crash', async () => {
    let release: (error: Error) => void = () => undefined;
    const crashing = make([webhook('main', receiver.url)], {
      fetch: async (input, init) => {
        await fetch(input, init); // the receiver has it...
        return new Promise<Response>((_, reject) => (release = reject)); // ...and the process dies before marking it
      },
    });
    await runSteps(store, steps.slice(15, 20));
    await runner.catchUp();
    const before = receiver.received.length;
    const lost = crashing.tick();
    while (receiver.received.length === before) await new Promise((r) => setTimeout(r, 10));

    // A new process: the delivery is still pending, so it goes again (receivers dedupe on X-APO-Delivery).
    await drain();
    const ids = receiver.received.slice(before).map((r) => r.headers['x-apo-delivery']);
    expect(ids[0]).toBe(ids[1]);
    expect(receivedPositions()).toEqual(await outboxPositions());
    // The dead process's late failure does not undo the delivery.
    release(new Error('crashed'));
    await lost;
    expect((await deliveryStats(readStore))[0]).toMatchObject({ pending: 0, dead: 0 });
  });

  it('dead-letters a notification after maxAttempts, lists it, and delivers it again on retry', async () => {
    receiver.status = 500;
    await runSteps(store, steps.slice(20, 22));
    await runner.catchUp();
    const [position] = (await outboxPositions()).slice(-1);
    const hits = receiver.hits;
    for (let i = 0; i < 4; i++) {
      await dispatcher.tick();
      advance(30_000);
    }
    expect(receiver.hits - hits).toBe(4);
    expect(await delivery('main', position)).toMatchObject({ status: 'dead', attempts: 4, next_attempt_at: null, last_error: 'HTTP 500: receiver broken' });
    await dispatcher.tick();
    expect(receiver.hits - hits).toBe(4); // given up

    const letters = await listDeadLetters(readStore, { webhook: 'main', limit: 10 });
    expect(letters.total).toBe(1);
    expect(letters.items[0]).toMatchObject({
      webhook: 'main',
      position,
      programme: 'coe',
      instanceId: 'th-digital',
      streamId: 'coe-th-digital',
      category: 'transition',
      attempts: 4,
      lastError: 'HTTP 500: receiver broken',
    });
    expect((await listDeadLetters(readStore, { webhook: 'other' })).total).toBe(0);
    expect((await deliveryStats(readStore))[0]).toMatchObject({ dead: 1, pending: 0 });

    receiver.status = 200;
    expect(await retryDeadLetter(readStore, 'main', '999999', clock.now())).toBe(false);
    expect(await retryDeadLetter(readStore, 'other', position, clock.now())).toBe(false);
    expect(await retryDeadLetter(readStore, 'main', position, clock.now())).toBe(true);
    expect(await retryDeadLetter(readStore, 'main', position, clock.now())).toBe(false); // pending now, not dead
    await drain();
    expect(receivedPositions().at(-1)).toBe(position);
    expect(await delivery('main', position)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect((await listDeadLetters(readStore)).total).toBe(0);
  });

  it('never re-sends after a rebuild of the outbox', async () => {
    const before = receiver.hits;
    const rows = await outboxPositions();
    await runner.rebuild('notification-outbox');
    await runner.catchUp();
    expect(await outboxPositions()).toEqual(rows);
    await drain();
    expect(receiver.hits).toBe(before);

    // Mid-rebuild (outbox rows gone, not yet written again), pending deliveries wait without using an attempt.
    await runSteps(store, steps.slice(22, 25));
    await runSteps(store, second.slice(0, 3));
    await runner.catchUp();
    const fresh = (await outboxPositions()).slice(-4);
    await receiver.close();
    expect(await dispatcher.tick()).toMatchObject({ enqueued: 4, failed: 1 });
    await readStore.db.deleteFrom('notification_outbox').execute();
    await receiver.start();
    advance(60_000);
    const hits = receiver.hits;
    expect(await dispatcher.tick()).toEqual({ enqueued: 0, delivered: 0, failed: 0, dead: 0 });
    expect(await delivery('main', fresh[0])).toMatchObject({ status: 'pending', attempts: 1 });
    await runner.rebuild('notification-outbox');
    await runner.catchUp();
    await drain();
    expect(receiver.hits - hits).toBe(4);
    expect(receivedPositions()).toEqual(await outboxPositions());
    expect(await delivery('main', fresh[0])).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('starts a newly configured webhook at the outbox head, and filters by category', async () => {
    const late = new WebhookReceiver();
    await late.start();
    const fresh = make([
      webhook('main', receiver.url),
      webhook('late', late.url, { fromStart: false }),
      webhook('deadlines', late.url, { categories: ['deadline'] }),
    ]);
    try {
      await drain(fresh);
      expect(late.received).toEqual([]); // nothing of the past; and no deadline notices yet
      await runSteps(store, second.slice(3, 8));
      await runner.catchUp();
      await drain(fresh);
      const [newest] = (await outboxPositions()).slice(-1);
      expect(late.received.map((r) => (JSON.parse(r.rawBody) as NotificationPayload).position)).toEqual([newest]);
      expect((await deliveryStats(readStore)).map((s) => s.webhook)).toEqual(['late', 'main']);
    } finally {
      await fresh.stop();
      await late.close();
    }
  });

  it('start/stop: ticks in the background and stop waits for the tick in flight', async () => {
    await runSteps(store, second.slice(8));
    await runner.catchUp();
    const background = make([webhook('main', receiver.url)]);
    background.start(5);
    const deadline = Date.now() + 5_000;
    while (receivedPositions().at(-1) !== (await outboxPositions()).at(-1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await background.stop();
    expect(receivedPositions()).toEqual(await outboxPositions());
    expect(receivedPositions().at(-1)).toBe((await outboxPositions()).at(-1));
  });
});
