import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  eventTypeFilter,
  jsonEvent,
  persistentSubscriptionToStreamSettingsFromDefaults,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { credentials } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { startEsdbWireServer, type EsdbWireServer } from './esdb-wire-server';

/**
 * The fixture checked against what the real client sees from a real server (EventStoreDB docs,
 * the server's gRPC code and client 6.2.1's parsing): every assertion here is on values the
 * client hands to its user.
 */

let server: EsdbWireServer;
let client: EventStoreDBClient;

beforeAll(async () => {
  server = await startEsdbWireServer();
  client = EventStoreDBClient.connectionString(server.connectionString);
});

afterAll(async () => {
  await client.dispose();
  await server.stop();
});

const stream = (label: string) => `wire-${label}-${randomUUID()}`;
const event = (type = 'Happened', data: Record<string, unknown> = { n: 1 }) => jsonEvent({ type, data, metadata: { by: 'spec' } });
const collect = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const out: E[] = [];
  for await (const e of read) out.push(e);
  return out;
};
/** The value, or a failed test when the client left it out. */
const defined = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('expected a value from the client');
  return value;
};
const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** Messages of a subscription in arrival order, with `caughtUp` and checkpoints in between. */
const record = (subscription: AllStreamSubscription, mine: (e: AllStreamResolvedEvent) => boolean) => {
  const seen: (string | bigint)[] = [];
  subscription.on('data', (e: AllStreamResolvedEvent) => mine(e) && seen.push(e.event?.id as string));
  subscription.on('caughtUp', () => seen.push('caughtUp'));
  const until = (done: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () => (done() ? resolve() : Date.now() - started > 5000 ? reject(new Error(`timed out; saw ${seen.join(', ')}`)) : setTimeout(poll, 10));
      poll();
    });
  return { seen, until };
};

describe('EventStoreDB wire test server, seen through @eventstore/db-client', () => {
  describe('appendToStream', () => {
    it('reports the revision of the last event written as nextExpectedRevision, and its position', async () => {
      const name = stream('append');
      const first = await client.appendToStream(name, [event(), event(), event()], { expectedRevision: NO_STREAM });
      expect(first).toMatchObject({ success: true, nextExpectedRevision: 2n });
      const next = await client.appendToStream(name, event(), { expectedRevision: 2n });
      expect(next.nextExpectedRevision).toBe(3n);
      expect(next.position?.commit).toBe(next.position?.prepare);
      expect(defined(next.position).commit > defined(first.position).commit).toBe(true);
      const [last] = await collect(client.readStream(name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
      expect(last.event?.position).toEqual(next.position);
    });

    it('goes through Append, not BatchAppend, because ServerFeatures does not offer BatchAppend', async () => {
      await client.appendToStream(stream('features'), event());
      const calls = server.calls();
      expect(calls['/event_store.client.streams.Streams/Append']).toBeGreaterThan(0);
      expect(calls['/event_store.client.streams.Streams/BatchAppend']).toBeUndefined();
      expect(calls['/event_store.client.server_features.ServerFeatures/GetSupportedMethods']).toBe(1);
    });

    it.each([
      ['no_stream on an existing stream', 2, NO_STREAM, 'no_stream', 1n],
      ['stream_exists on a new stream', 0, STREAM_EXISTS, 'stream_exists', 'no_stream'],
      ['a revision behind the stream', 3, 0n, 0n, 2n],
      ['a revision ahead of the stream', 1, 5n, 5n, 0n],
      ['a revision on a new stream', 0, 0n, 0n, 'no_stream'],
    ] as const)('refuses %s with WrongExpectedVersionError carrying expected and actual', async (_, existing, expectedRevision, expected, actual) => {
      const name = stream('wrong');
      if (existing > 0)
        await client.appendToStream(
          name,
          Array.from({ length: existing }, () => event()),
        );
      const error = await rejectionOf(client.appendToStream(name, event(), { expectedRevision }));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expectedVersion: expected, actualVersion: actual });
    });

    it('treats a retried append (same event ids, same expectation) as already done', async () => {
      const name = stream('retry');
      const events = [event(), event()];
      const original = await client.appendToStream(name, events, { expectedRevision: NO_STREAM });
      await client.appendToStream(name, event(), { expectedRevision: 1n });
      expect(await client.appendToStream(name, events, { expectedRevision: NO_STREAM })).toEqual(original);
      expect(await client.appendToStream(name, events)).toEqual(original);
      expect(await collect(client.readStream(name))).toHaveLength(3);
    });

    it('refuses a partly matching retry as a conflict', async () => {
      const name = stream('partial');
      const events = [event(), event()];
      await client.appendToStream(name, events, { expectedRevision: NO_STREAM });
      const error = await rejectionOf(client.appendToStream(name, [events[0], event()], { expectedRevision: NO_STREAM }));
      expect(error).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n });
    });
  });

  describe('readStream', () => {
    it('returns the events as written: type, JSON data and metadata, revision, position, created', async () => {
      const name = stream('read');
      const before = Date.now();
      const written = event('Created', { title: 'Programme', nested: { list: [1, 'two'] } });
      await client.appendToStream(name, written);
      const [read] = (await collect(client.readStream(name))) as ResolvedEvent[];
      expect(read.event).toMatchObject({
        streamId: name,
        id: written.id,
        type: 'Created',
        revision: 0n,
        isJson: true,
        data: written.data,
        metadata: { by: 'spec' },
      });
      expect(defined(read.event).created.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(defined(read.event).created.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('reads forwards or backwards from a revision, up to maxCount', async () => {
      const name = stream('range');
      await client.appendToStream(
        name,
        Array.from({ length: 5 }, () => event()),
      );
      const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
        (await collect(client.readStream(name, options))).map((e) => e.event?.revision);
      expect(await revisions({ fromRevision: 3n })).toEqual([3n, 4n]);
      expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
      expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([4n, 3n]);
      expect(await revisions({ direction: BACKWARDS, fromRevision: 2n })).toEqual([2n, 1n, 0n]);
      // As on a real server, backwards from START (the client's default) is the first event only.
      expect(await revisions({ direction: BACKWARDS })).toEqual([0n]);
      expect(await revisions({ fromRevision: 9n })).toEqual([]);
    });

    it('rejects a read of an unknown stream with StreamNotFoundError', async () => {
      const error = await rejectionOf(collect(client.readStream(stream('missing'))));
      expect(error).toBeInstanceOf(StreamNotFoundError);
    });
  });

  describe('readAll', () => {
    it('reads forwards from a position including the event there, backwards excluding it', async () => {
      const name = stream('all');
      await client.appendToStream(
        name,
        Array.from({ length: 3 }, () => event()),
      );
      const mine = (await collect(client.readStream(name))).map((e) => defined(e.event).position as Position);
      const forwards = await collect(client.readAll({ fromPosition: mine[1], maxCount: 2 }));
      expect(forwards.map((e) => e.event?.position)).toEqual([mine[1], mine[2]]);
      const backwards = await collect(client.readAll({ fromPosition: mine[1], direction: BACKWARDS, maxCount: 1 }));
      expect(backwards.map((e) => e.event?.position)).toEqual([mine[0]]);
      const latest = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
      expect(latest[0].event?.position).toEqual(mine[2]);
      const first = await collect(client.readAll({ fromPosition: START, maxCount: 1 }));
      expect(defined(first[0].event).position.commit < mine[0].commit).toBe(true);
    });

    it('reads $all with a server-side prefix filter (which client 6.2.1 cannot send, other clients do)', async () => {
      const name = stream('raw-filter');
      await client.appendToStream(name, [event('RawWanted'), event('RawOther'), event('RawWanted')]);
      const raw = new StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
      const options = new ReadReq.Options()
        .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
        .setCount('10')
        .setReadDirection(ReadReq.Options.ReadDirection.FORWARDS)
        .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
        .setFilter(
          new ReadReq.Options.FilterOptions()
            .setEventType(new ReadReq.Options.FilterOptions.Expression().setPrefixList(['RawW']))
            .setCount(new Empty())
            .setCheckpointintervalmultiplier(1),
        );
      const types: string[] = [];
      await new Promise<void>((resolve, reject) => {
        const call = raw.read(new ReadReq().setOptions(options));
        call.on('data', (resp: ReadResp) => types.push(resp.getEvent()?.getEvent()?.getMetadataMap().get('type') ?? 'not an event'));
        call.on('end', resolve);
        call.on('error', reject);
      });
      raw.close();
      expect(types).toEqual(['RawWanted', 'RawWanted']);
    });
  });

  describe('subscribeToAll', () => {
    it('delivers history, then the caughtUp event, then live events', async () => {
      const name = stream('subscribe');
      const history = [event(), event()];
      await client.appendToStream(name, history);
      const subscription = client.subscribeToAll({ fromPosition: START });
      const { seen, until } = record(subscription, (e) => e.event?.streamId === name);
      await until(() => seen.includes('caughtUp'));
      const live = event();
      await client.appendToStream(name, live);
      await until(() => seen.includes(live.id));
      await subscription.unsubscribe();
      expect(seen).toEqual([history[0].id, history[1].id, 'caughtUp', live.id]);
    });

    it('starts after (excluding) a given position', async () => {
      const name = stream('after');
      const events = [event(), event(), event()];
      await client.appendToStream(name, events);
      const positions = (await collect(client.readStream(name))).map((e) => defined(e.event).position as Position);
      const subscription = client.subscribeToAll({ fromPosition: positions[0] });
      const { seen, until } = record(subscription, (e) => e.event?.streamId === name);
      await until(() => seen.includes('caughtUp'));
      await subscription.unsubscribe();
      expect(seen).toEqual([events[1].id, events[2].id, 'caughtUp']);
    });

    it('filters by stream prefix and reports checkpoints every checkpointInterval x 32 examined events', async () => {
      const prefix = stream('filtered');
      const start = defined((await client.appendToStream(`${prefix}-marker`, event())).position);
      for (let i = 0; i < 70; i++) await client.appendToStream(`other-${prefix}-${i}`, event());
      const wanted = event();
      await client.appendToStream(`${prefix}-wanted`, wanted);
      const checkpoints: Position[] = [];
      const subscription = client.subscribeToAll({
        fromPosition: start,
        filter: streamNameFilter({ prefixes: [`${prefix}-`], checkpointInterval: 1, checkpointReached: (_, position) => void checkpoints.push(position) }),
      });
      const { seen, until } = record(subscription, () => true);
      await until(() => seen.includes('caughtUp'));
      // Live, the count goes on from the catch-up (7 examined in its last page): the 25th live
      // event examined completes 32 and the checkpoint is that event's own position.
      const live: Position[] = [];
      for (let i = 0; i < 32; i++) live.push(defined((await client.appendToStream(`other-${prefix}-live-${i}`, event())).position));
      await until(() => checkpoints.length >= 3);
      await subscription.unsubscribe();
      expect(seen).toEqual([wanted.id, 'caughtUp']);
      // Catching up, each full page of 32 others reports where the page started.
      expect(checkpoints).toEqual([start, { commit: start.commit + 32n, prepare: start.prepare + 32n }, live[24]]);
    }, 20_000);

    it('filters by event type prefix', async () => {
      const name = stream('typed');
      const start = defined((await client.appendToStream(name, event('Ignored'))).position);
      const wanted = event('WantedOne');
      await client.appendToStream(name, [event('Ignored'), wanted, event('Unwanted')], { expectedRevision: 0n });
      const subscription = client.subscribeToAll({ fromPosition: start, filter: eventTypeFilter({ prefixes: ['Wanted'] }) });
      const { seen, until } = record(subscription, (e) => e.event?.streamId === name);
      await until(() => seen.includes('caughtUp'));
      await subscription.unsubscribe();
      expect(seen).toEqual([wanted.id, 'caughtUp']);
    });
  });

  describe('is strict: what it does not implement fails loudly with UNIMPLEMENTED (12)', () => {
    const UNIMPLEMENTED = 12;
    const subscriptionError = (subscription: AllStreamSubscription) =>
      new Promise<unknown>((resolve) => subscription.on('error', resolve)).finally(() => subscription.unsubscribe());

    it.each([
      ['deleteStream', () => client.deleteStream(stream('delete'))],
      ['tombstoneStream', () => client.tombstoneStream(stream('tombstone'))],
      ['getStreamMetadata', () => client.getStreamMetadata(stream('meta'))],
      ['setStreamMetadata', () => client.setStreamMetadata(stream('meta'), { maxCount: 1 })],
      [
        'a persistent subscription',
        () => client.createPersistentSubscriptionToStream(stream('psub'), 'group', persistentSubscriptionToStreamSettingsFromDefaults()),
      ],
      ['reading a system stream', () => collect(client.readStream('$stats-127.0.0.1:2113'))],
      ['subscribeToStream', () => collect(client.subscribeToStream(stream('sub')))],
      ['a regex filter', () => subscriptionError(client.subscribeToAll({ filter: excludeSystemEvents() })).then((e) => Promise.reject(e))],
    ])('%s', async (_, call) => {
      const error = await rejectionOf((call as () => Promise<unknown>)());
      expect(error).toMatchObject({ code: UNIMPLEMENTED });
      expect(String((error as Error).message)).toMatch(/not supported by the EventStoreDB wire test server|UNIMPLEMENTED/);
    });
  });
});
