import { PassThrough } from 'node:stream';
import type { RecordedEvent, SubscriptionMessage } from '../port';
import { EsdbSubscription, type ClientSubscription } from './esdb-subscription';

/** Stands in for the client's subscription: an object-mode stream that also emits `caughtUp`. */
const fakeClient = () => {
  const stream = new PassThrough({ objectMode: true }) as PassThrough & ClientSubscription & { unsubscribed: boolean };
  stream.unsubscribed = false;
  stream.unsubscribe = async () => {
    stream.unsubscribed = true;
  };
  return stream;
};

const recorded = (position: number): RecordedEvent => ({
  streamId: 's',
  revision: position,
  position: BigInt(position),
  eventId: `id-${position}`,
  type: 'T',
  data: {},
  metadata: {},
  createdAt: new Date(0).toISOString(),
});

const subscriptionOver = (client: ClientSubscription, after?: bigint) =>
  new EsdbSubscription(
    client,
    (item) => ({ kind: 'event', event: recorded(item as number) }),
    after,
    () => undefined,
  );

const describeMessage = (m: SubscriptionMessage) =>
  m.kind === 'event' ? `event ${m.event.position}` : m.kind === 'checkpoint' ? `checkpoint ${m.position}` : m.kind;

const take = async (subscription: EsdbSubscription, count: number): Promise<string[]> => {
  const out: string[] = [];
  for await (const message of subscription) {
    out.push(describeMessage(message));
    if (out.length === count) break;
  }
  return out;
};

describe('EsdbSubscription', () => {
  it('releases caughtUp and checkpoints only after the events that preceded them, even when those are still buffered', async () => {
    const client = fakeClient();
    const subscription = subscriptionOver(client);
    // Not flowing yet: both events wait in the stream's buffer when the markers are reported.
    client.pause();
    client.write(1);
    client.write(2);
    subscription.mark({ kind: 'checkpoint', position: 2n });
    subscription.mark({ kind: 'caughtUp' });
    client.write(3);
    client.resume();
    expect(await take(subscription, 4)).toEqual(['event 1', 'event 2', 'checkpoint 2', 'caughtUp']);
    expect(client.unsubscribed).toBe(true);
  });

  it('never repeats an event, never lets a checkpoint go back, and reports caughtUp once', async () => {
    const client = fakeClient();
    const subscription = subscriptionOver(client, 1n);
    for (const position of [1, 2, 2, 3]) client.write(position);
    await new Promise((resolve) => setImmediate(resolve));
    subscription.mark({ kind: 'checkpoint', position: 2n });
    subscription.mark({ kind: 'caughtUp' });
    subscription.mark({ kind: 'caughtUp' });
    client.write(4);
    expect(await take(subscription, 4)).toEqual(['event 2', 'event 3', 'caughtUp', 'event 4']);
  });

  it('ends the iteration on close, and fails it when the stream breaks', async () => {
    const closing = subscriptionOver(fakeClient());
    const ended = take(closing, 10);
    await closing.close();
    expect(await ended).toEqual([]);

    const broken = fakeClient();
    const failing = take(subscriptionOver(broken), 10);
    broken.destroy(new Error('connection reset'));
    await expect(failing).rejects.toThrow('connection reset');
  });

  it('ends with an event it cannot read, after the events before it and before any after it', async () => {
    const client = fakeClient();
    const unreadable = new Error('event 3 does not parse');
    const subscription = new EsdbSubscription(
      client,
      (item) => {
        if (item === 3) throw unreadable;
        return { kind: 'event', event: recorded(item as number) };
      },
      undefined,
      () => undefined,
    );
    for (const position of [1, 2, 3, 4, 5]) client.write(position);
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const message of subscription) seen.push(describeMessage(message));
    })().catch((error: unknown) => error);
    expect(seen).toEqual(['event 1', 'event 2']);
    expect(failure).toBe(unreadable);
    expect(client.unsubscribed).toBe(true);
  });
});
