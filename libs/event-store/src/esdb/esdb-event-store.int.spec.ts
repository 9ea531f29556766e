import { randomUUID } from 'node:crypto';
import { binaryEvent, EventStoreDBClient } from '@eventstore/db-client';
import type { EventToAppend, SubscriptionMessage } from '../port';
import { UnreadableEvent } from '../unreadable-event';
import { describeEventStoreConformance, type ConformanceHarness } from '../testing';
import { startEsdbWireServer, type EsdbWireServer } from '../testing/esdb-wire-server';
import { openEsdbEventStore, type EsdbEventStore } from './index';

/**
 * The conformance suite against the EventStoreDB adapter: always over the wire test server, and
 * against a real server when EVENTSTORE_CONNECTION_STRING names one (the authority; see
 * docs/event-store.md and docs/eventstoredb-wire-server.md).
 */

/** A harness on one server; `reopen` drops the client and connects a new one, as a restart would. */
const harnessFor = async (connectionString: string, stopServer?: () => Promise<void>): Promise<ConformanceHarness> => {
  let store: EsdbEventStore = await openEsdbEventStore(connectionString);
  return {
    get store() {
      return store;
    },
    reopen: async () => {
      await store.close();
      store = await openEsdbEventStore(connectionString);
      return store;
    },
    dispose: async () => {
      await store.close();
      await stopServer?.();
    },
  };
};

describeEventStoreConformance('eventstoredb (wire test server)', async () => {
  const server = await startEsdbWireServer();
  return harnessFor(server.connectionString, server.stop);
});

const realServer = process.env['EVENTSTORE_CONNECTION_STRING'];
if (realServer) {
  describeEventStoreConformance('eventstoredb (real server)', () => harnessFor(realServer));
} else {
  // Visible in every run, so nobody mistakes the fixture run for the real one.
  process.stdout.write('SKIPPED eventstoredb (real server): EVENTSTORE_CONNECTION_STRING is not set\n');
  describe.skip('EventStore conformance: eventstoredb (real server)', () => {
    it('needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false', () => undefined);
  });
}

describe('EsdbEventStore over the wire test server: filtered checkpoints', () => {
  let server: EsdbWireServer;
  let store: EsdbEventStore;
  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  const event = (): EventToAppend => ({ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} });

  /** Messages until `done` holds, then the subscription is closed. */
  const until = async (after: bigint | undefined, done: (seen: SubscriptionMessage[]) => boolean) => {
    const subscription = store.subscribeToAll({ after, filter: { streamPrefixes: ['wanted-'] } });
    const seen: SubscriptionMessage[] = [];
    for await (const message of subscription) {
      seen.push(message);
      if (done(seen)) break;
    }
    return seen;
  };

  it('reports checkpoints while skipping other streams, and resuming after one loses nothing', async () => {
    const start = (await store.appendToStream(`marker-${randomUUID()}`, [event()], 'no_stream')).position;
    const wanted: string[] = [];
    for (let i = 0; i < 100; i++) {
      const e = event();
      const stream = i % 40 === 39 ? `wanted-${randomUUID()}` : `other-${randomUUID()}`;
      if (stream.startsWith('wanted-')) wanted.push(e.eventId);
      await store.appendToStream(stream, [e], 'no_stream');
    }
    const seen = await until(start, (s) => s.some((m) => m.kind === 'caughtUp'));
    const checkpoints = seen.flatMap((m) => (m.kind === 'checkpoint' ? [m.position] : []));
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(seen.flatMap((m) => (m.kind === 'event' ? [m.event.eventId] : []))).toEqual(wanted);

    // A consumer that stored the first checkpoint and restarted gets what followed it, once.
    const resumed = await until(checkpoints[0], (s) => s.some((m) => m.kind === 'caughtUp'));
    const first = seen.findIndex((m) => m.kind === 'checkpoint');
    const afterCheckpoint = seen.slice(first).flatMap((m) => (m.kind === 'event' ? [m.event.eventId] : []));
    expect(resumed.flatMap((m) => (m.kind === 'event' ? [m.event.eventId] : []))).toEqual(afterCheckpoint);
  });
});

describe('EsdbEventStore over the wire test server: an event another writer stored as binary', () => {
  let server: EsdbWireServer;
  let store: EsdbEventStore;
  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('a subscription delivers the events before it, ends with its UnreadableEvent, and one after it reads on', async () => {
    const event = (): EventToAppend => ({ eventId: randomUUID(), type: 'Tested', data: { n: 1 }, metadata: {} });
    const first = await store.appendToStream('mine', [event(), event()], 'no_stream');
    const other = EventStoreDBClient.connectionString(server.connectionString);
    try {
      await other.appendToStream('mine', binaryEvent({ type: 'Foreign', data: new Uint8Array([0, 159, 146, 150]) }));
    } finally {
      await other.dispose();
    }
    const last = await store.appendToStream('mine', [event()], 'any');

    const seen: bigint[] = [];
    const subscribe = async (after?: bigint) => {
      const subscription = store.subscribeToAll({ after, filter: { streamPrefixes: ['mine'] } });
      for await (const message of subscription) {
        if (message.kind === 'event') seen.push(message.event.position);
        if (message.kind === 'caughtUp') await subscription.close();
      }
    };
    const failure = await subscribe().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnreadableEvent);
    expect(failure).toMatchObject({ streamId: 'mine', revision: 2, type: 'Foreign', part: 'data' });
    expect(seen).toEqual([first.position - 1n, first.position]);
    await subscribe((failure as UnreadableEvent).position);
    expect(seen).toEqual([first.position - 1n, first.position, last.position]);
  });
});

describe('EsdbEventStore over the wire test server: headPosition', () => {
  let server: EsdbWireServer;
  let store: EsdbEventStore;
  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it("is 0 for an empty log, then the last event's position: past the server's own events, an unreadable one counted", async () => {
    expect(await store.headPosition()).toBe(0n);
    await store.appendToStream('mine', [{ eventId: randomUUID(), type: 'Tested', data: {}, metadata: {} }], 'no_stream');
    const other = EventStoreDBClient.connectionString(server.connectionString);
    try {
      const foreign = await other.appendToStream('mine', binaryEvent({ type: 'Foreign', data: new Uint8Array([0, 159]) }));
      await other.appendToStream('mine', binaryEvent({ type: '$server-own', data: new Uint8Array([1]) }));
      expect(await store.headPosition()).toBe(foreign.position?.commit);
    } finally {
      await other.dispose();
    }
  });
});
