import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import type { AllSubscription, EventStore, ReadAllOptions, SubscriptionMessage } from '@apo/event-store';
// Test support: the real embedded store (the runtime loads it lazily, see open-stores.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { DamagedLog } from '@apo/projections/testing';
import { StoreClient } from './store-client';
import { serveStore } from './store-host';

const STREAMS = ['coe-a', 'coe-b', 'bcn-c', 'coe-d', 'bcn-e'];
const TYPES = ['Opened', 'Moved', 'Closed'];

/** What a read gave, then the error it ended on (an unreadable event), as comparable values. */
async function outcome<T>(read: () => AsyncIterable<T> | Promise<T[]>): Promise<{ items: T[]; error?: string }> {
  const items: T[] = [];
  try {
    const source = await read();
    for await (const item of source) items.push(item);
  } catch (error) {
    const { name, message, position } = error as Error & { position?: bigint };
    return { items, error: `${name} ${message} ${position}` };
  }
  return { items };
}

/** A subscription's messages up to `caughtUp` (included), or the error it ended on. */
const upToCaughtUp = (subscription: AllSubscription) =>
  outcome(async function* () {
    try {
      for await (const message of subscription) {
        yield message;
        if (message.kind === 'caughtUp') return;
      }
    } finally {
      await subscription.close();
    }
  });

describe('the store proxy of the projection worker (against the embedded store, through a MessagePort)', () => {
  let dir: string;
  let store: EventStore;
  let client: StoreClient;
  let host: { close(): Promise<void> };
  let channel: MessageChannel;
  let head: bigint;
  let unreadable: number[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'store-proxy-'));
    const writing = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    // More than a page (512) and a subscription window (4 pages) of events, over a few streams.
    for (let i = 0; i < 2_600; i++) {
      const streamId = STREAMS[i % STREAMS.length];
      await writing.appendToStream(
        streamId,
        [{ eventId: randomUUID(), type: TYPES[i % TYPES.length], data: { i, text: `event ${i}` }, metadata: { n: i } }],
        'any',
      );
    }
    await writing.close();
    // Three events the store cannot read, one of them the last.
    const log = new DamagedLog(dir);
    unreadable = [700, 1_500, 2_600];
    for (const position of unreadable) log.setRawData(position, '{"broken":');
    log.close();
    store = await openSqliteEventStore({ dataDir: dir });
    head = await store.headPosition();
    channel = new MessageChannel();
    host = serveStore(channel.port1, store);
    client = new StoreClient(channel.port2);
  }, 60_000);

  afterAll(async () => {
    await client.close();
    await host.close();
    channel.port1.close();
    channel.port2.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const position = () => fc.option(fc.bigInt({ min: 0n, max: 2_700n }), { nil: undefined });
  const readAllOptions: fc.Arbitrary<ReadAllOptions> = fc.record(
    {
      direction: fc.constantFrom('forwards' as const, 'backwards' as const),
      position: position(),
      maxCount: fc.integer({ min: 0, max: 1_200 }),
      filter: fc.record({ streamPrefixes: fc.subarray(['coe-', 'bcn-']), eventTypes: fc.subarray(TYPES, { minLength: 1 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

  it('answers the head as the store does', async () => {
    expect(await client.headPosition()).toBe(head);
    expect(head).toBe(2_600n);
  });

  it('reads the global log as the store does: pages, bounds, filters and the unreadable event a read ends on', async () => {
    await fc.assert(
      fc.asyncProperty(readAllOptions, async (options) => {
        const direct = await outcome(() => store.readAll(options));
        const proxied = await outcome(() => client.readAll(options));
        expect(proxied).toEqual(direct);
      }),
      { numRuns: 60 },
    );
  });

  it('reads a stream as the store does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STREAMS, 'coe-none'),
        fc.record(
          { direction: fc.constantFrom('forwards' as const, 'backwards' as const), fromRevision: fc.nat(600), maxCount: fc.integer({ min: 0, max: 600 }) },
          { requiredKeys: [] },
        ),
        async (streamId, options) => {
          const direct = await outcome(() => store.readStream(streamId, options));
          const proxied = await outcome(() => client.readStream(streamId, options));
          expect(proxied).toEqual(direct);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('subscribes as the store does: from any checkpoint, through the backpressure window, up to an unreadable event', async () => {
    await fc.assert(
      fc.asyncProperty(position(), async (after) => {
        const options = after === undefined ? {} : { after };
        const direct = await upToCaughtUp(store.subscribeToAll(options));
        const proxied = await upToCaughtUp(client.subscribeToAll(options));
        expect(proxied).toEqual(direct);
        expect(proxied.error ?? 'caughtUp').toMatch(/caughtUp|UnreadableEvent/);
      }),
      { numRuns: 12 },
    );
  });

  it('delivers live events once caught up, and stops on close', async () => {
    const subscription = client.subscribeToAll({ after: head });
    const messages = subscription[Symbol.asyncIterator]();
    expect((await messages.next()).value).toEqual({ kind: 'caughtUp' });
    const appended = await store.appendToStream('coe-live', [{ eventId: randomUUID(), type: 'Opened', data: { live: true }, metadata: {} }], 'no_stream');
    const live = (await messages.next()).value as SubscriptionMessage;
    expect(live).toMatchObject({ kind: 'event', event: { streamId: 'coe-live', position: appended.position, data: { live: true } } });
    await subscription.close();
    expect(await messages.next()).toEqual({ done: true, value: undefined });
  });

  it('fails what is open and what comes after when closed (the worker is told the store is gone)', async () => {
    const other = new MessageChannel();
    const otherHost = serveStore(other.port1, store);
    const closing = new StoreClient(other.port2);
    const subscription = closing.subscribeToAll({ after: head + 1n });
    const reading = upToCaughtUp(subscription);
    await closing.close(new Error('gone'));
    expect((await reading).error).toMatch(/gone/);
    await expect(closing.headPosition()).rejects.toThrow('gone');
    await expect(closing.appendToStream()).rejects.toThrow(/read-only/);
    await otherHost.close();
    other.port1.close();
    other.port2.close();
  });
});
