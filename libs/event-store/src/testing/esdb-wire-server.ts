import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { WireLog, type ProposedEvent, type WireEvent, type WireExpected, type WireFilter } from './esdb-wire-log';
import { READ_BATCH_SIZE, WireSubscription, type WireSubscriptionMessage } from './esdb-wire-subscription';

/**
 * EventStoreDB's `Streams` gRPC service, served from memory for tests, speaking the wire format
 * of the real server through the message classes `@eventstore/db-client` ships. It covers what
 * the EventStoreDB adapter uses and refuses the rest with UNIMPLEMENTED (never a silent wrong
 * answer). What it does and does not prove: docs/eventstoredb-wire-server.md.
 */
export interface EsdbWireServer {
  /** `esdb://127.0.0.1:<port>?tls=false`: a single node without TLS. */
  readonly connectionString: string;
  readonly port: number;
  /** How often each gRPC method was called, by path (e.g. `/event_store.client.streams.Streams/Append`). */
  calls(): Record<string, number>;
  /**
   * Appends an event as another writer could have (a server keeps the bytes a client sends, JSON
   * or not): how tests put events the adapter cannot read into the log.
   */
  appendForeign(
    streamId: string,
    event: { readonly type: string; readonly json: boolean; readonly data: string | Uint8Array; readonly metadata?: string | Uint8Array },
  ): void;
  stop(): Promise<void>;
}

/** Real servers refuse appends above 1 MiB by default (`MaxAppendSize`). */
const MAX_APPEND_SIZE = 1024 * 1024;
const SERVICE = 'event_store.client.streams.Streams';

type Refusal = Error & { code: grpc.status; details: string; metadata: grpc.Metadata };

/** A gRPC error; `exception` is the header the client turns into its typed errors. */
const refusal = (code: grpc.status, details: string, exception: Record<string, string> = {}): Refusal => {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(exception)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};
const unsupported = (what: string) => refusal(grpc.status.UNIMPLEMENTED, `${what} is not supported by the EventStoreDB wire test server`);
const invalid = (why: string) => refusal(grpc.status.INVALID_ARGUMENT, why);

const streamName = (identifier: StreamIdentifier | undefined): string => {
  const name = Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
  // `$` streams carry server behaviour (metadata, ACLs, settings) the fixture does not have.
  if (name.startsWith('$')) throw unsupported(`the system or metadata stream ${name}`);
  return name;
};

const identifier = (name: string): StreamIdentifier => new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

const toReadResp = (event: WireEvent): ReadResp => {
  const position = event.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(identifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded.getMetadataMap().set('type', event.type).set('content-type', event.contentType).set('created', event.created.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position));
};

const toSubscriptionResp = (message: WireSubscriptionMessage): ReadResp => {
  if (message.kind === 'event') return toReadResp(message.event);
  if (message.kind === 'caughtUp') return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
  const position = message.position.toString();
  return new ReadResp().setCheckpoint(new ReadResp.Checkpoint().setCommitPosition(position).setPreparePosition(position));
};

const Cases = ReadReq.Options;

const decodeAllFrom = (all: ReadReq.Options.AllOptions | undefined): 'start' | 'end' | bigint => {
  if (all?.hasStart()) return 'start';
  if (all?.hasEnd()) return 'end';
  const position = all?.getPosition();
  if (!position) throw invalid('$all read without a start, end or position');
  if (position.getCommitPosition() !== position.getPreparePosition()) {
    throw invalid(`position ${position.getCommitPosition()}/${position.getPreparePosition()} was not produced by this server (commit = prepare here)`);
  }
  return BigInt(position.getCommitPosition());
};

const decodeFilter = (options: ReadReq.Options): { filter?: WireFilter; window: number; multiplier: number } => {
  if (options.getFilterOptionCase() !== Cases.FilterOptionCase.FILTER) return { window: READ_BATCH_SIZE, multiplier: 1 };
  const f = options.getFilter() as ReadReq.Options.FilterOptions;
  const on = f.hasStreamIdentifier() ? 'stream' : f.hasEventType() ? 'type' : undefined;
  const expression = f.getStreamIdentifier() ?? f.getEventType();
  if (!on || !expression) throw invalid('a filter names neither stream identifier nor event type');
  if (expression.getRegex() !== '') throw unsupported('a regex filter');
  if (expression.getPrefixList().length === 0) throw unsupported('a filter without prefixes');
  if (f.hasMax() && f.getMax() <= 0) throw invalid('the filter max search window must be > 0');
  if (f.getCheckpointintervalmultiplier() <= 0) throw invalid('the checkpoint interval multiplier must be > 0');
  return {
    filter: { on, prefixes: expression.getPrefixList() },
    window: f.hasMax() ? f.getMax() : READ_BATCH_SIZE,
    multiplier: f.getCheckpointintervalmultiplier(),
  };
};

const decodeExpected = (options: AppendReq.Options): WireExpected => {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.ANY:
      return { kind: 'any' };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    default:
      throw invalid('an append without an expected revision');
  }
};

const decodeProposed = (request: AppendReq): ProposedEvent => {
  const message = request.getProposedMessage();
  if (!message) throw invalid('after the options an append carries only proposed messages');
  const id = message.getId();
  if (!id?.hasString()) throw unsupported('a structured (non-string) event id');
  const meta = message.getMetadataMap();
  for (const key of ['type', 'content-type']) {
    if (!meta.get(key))
      throw refusal(grpc.status.INVALID_ARGUMENT, `missing ${key}`, { exception: 'missing-required-metadata-property', 'required-metadata-properties': key });
  }
  // The server keeps only "is JSON": any other content type reads back as octet-stream.
  const json = meta.get('content-type') === 'application/json';
  return {
    id: id.getString(),
    type: meta.get('type') as string,
    contentType: json ? 'application/json' : 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
};

const appendResp = (log: WireLog, requests: readonly AppendReq[]): AppendResp => {
  const options = requests[0]?.getOptions();
  if (!options) throw invalid('an append starts with its options');
  const stream = streamName(options.getStreamIdentifier());
  const expected = decodeExpected(options);
  const events = requests.slice(1).map(decodeProposed);
  if (events.length === 0) throw unsupported('an append without events');
  const size = events.reduce((sum, e) => sum + e.data.length + e.metadata.length + Buffer.byteLength(e.type), 0);
  if (size > MAX_APPEND_SIZE) {
    throw refusal(grpc.status.INVALID_ARGUMENT, 'maximum append size exceeded', {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(MAX_APPEND_SIZE),
    });
  }
  const outcome = log.append(stream, events, expected);
  if (outcome.kind === 'success') {
    const position = outcome.position.toString();
    const success = new AppendResp.Success()
      .setCurrentRevision(outcome.currentRevision.toString())
      .setPosition(new AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
    return new AppendResp().setSuccess(success);
  }
  // Current servers fill both the 20.6.0 fields and their successors; clients read either.
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString()).setCurrentRevision2060(Number(outcome.current));
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else wrong.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
  return new AppendResp().setWrongExpectedVersion(wrong);
};

/** Starts the fixture on a free 127.0.0.1 port; events live in memory until `stop()`. */
export const startEsdbWireServer = async (): Promise<EsdbWireServer> => {
  const log = new WireLog();
  const counts = new Map<string, number>();
  const subscriptions = new Set<WireSubscription>();
  const count = (method: string) => counts.set(method, (counts.get(method) ?? 0) + 1);

  const read: grpc.handleServerStreamingCall<ReadReq, ReadResp> = (call) => {
    count(`/${SERVICE}/Read`);
    let cancelled = false;
    call.on('cancelled', () => (cancelled = true));
    /** Resolves when the transport takes more (back-pressure), or at once when the call is gone. */
    const write = (resp: ReadResp) =>
      new Promise<void>((resolve) => {
        if (cancelled || call.write(resp)) return resolve();
        // Whichever comes first; the other listener goes too, so long reads do not pile them up.
        const done = () => {
          call.off('drain', done);
          call.off('cancelled', done);
          resolve();
        };
        call.once('drain', done);
        call.once('cancelled', done);
      });
    const fail = (error: unknown) => call.emit('error', error);
    try {
      const options = call.request.getOptions();
      if (!options) throw invalid('a read without options');
      if (options.getUuidOption()?.getContentCase() !== Cases.UUIDOption.ContentCase.STRING) throw unsupported('a structured UUID option');
      const backwards = options.getReadDirection() === Cases.ReadDirection.BACKWARDS;
      const subscribe = options.getCountOptionCase() === Cases.CountOptionCase.SUBSCRIPTION;
      const { filter, window, multiplier } = decodeFilter(options);

      if (options.getStreamOptionCase() === Cases.StreamOptionCase.STREAM) {
        const stream = options.getStream() as ReadReq.Options.StreamOptions;
        const name = streamName(stream.getStreamIdentifier());
        if (subscribe) throw unsupported('a subscription to a single stream');
        if (filter) throw unsupported('a filter on a stream read');
        const from = stream.hasStart() ? 'start' : stream.hasEnd() ? 'end' : BigInt(stream.getRevision());
        const events = log.readStream(name, from, backwards, BigInt(options.getCount()));
        if (!events) call.write(new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(identifier(name))));
        else for (const event of events) call.write(toReadResp(event));
        call.end();
        return;
      }
      const from = decodeAllFrom(options.getAll());
      if (!subscribe) {
        for (const event of log.readAll(from, backwards, BigInt(options.getCount()), filter)) call.write(toReadResp(event));
        call.end();
        return;
      }
      if (backwards) throw invalid('a subscription reads forwards');
      const subscription = new WireSubscription(log, { from, filter, window, checkpointInterval: multiplier * window }, (m) => write(toSubscriptionResp(m)));
      subscriptions.add(subscription);
      call.on('cancelled', () => subscription.cancel());
      call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
      subscription
        .run()
        .then(() => !cancelled && call.end(), fail)
        .finally(() => subscriptions.delete(subscription));
    } catch (error) {
      fail(error);
    }
  };

  const append: grpc.handleClientStreamingCall<AppendReq, AppendResp> = (call, callback) => {
    count(`/${SERVICE}/Append`);
    const requests: AppendReq[] = [];
    call.on('data', (request: AppendReq) => requests.push(request));
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        callback(null, appendResp(log, requests));
      } catch (error) {
        callback(error as Refusal);
      }
    });
  };

  const refuse = (name: string, what: string) => (call: { emit(event: 'error', error: unknown): unknown }, callback?: (error: Refusal) => void) => {
    count(`/${SERVICE}/${name}`);
    if (callback) callback(unsupported(what));
    else call.emit('error', unsupported(what));
  };

  const server = new grpc.Server();
  server.addService(StreamsService, {
    read,
    append,
    delete: refuse('Delete', 'Delete (soft-deleting a stream)'),
    tombstone: refuse('Tombstone', 'Tombstone (hard-deleting a stream)'),
    // Not advertised by ServerFeatures, so clients use Append; a direct call is refused.
    batchAppend: refuse('BatchAppend', 'BatchAppend'),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => {
      count('/event_store.client.server_features.ServerFeatures/GetSupportedMethods');
      const method = (service: string, name: string) => new SupportedMethod().setServiceName(service).setMethodName(name);
      callback(
        null,
        new SupportedMethods()
          .setEventStoreServerVersion('0.0.0-apo-wire-test-server')
          .setMethodsList([
            method(SERVICE.toLowerCase(), 'read'),
            method(SERVICE.toLowerCase(), 'append'),
            method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
          ]),
      );
    },
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    calls: () => Object.fromEntries(counts),
    appendForeign: (streamId, { type, json, data, metadata = '' }) => {
      const bytes = (value: string | Uint8Array) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
      log.append(
        streamId,
        [{ id: randomUUID(), type, contentType: json ? 'application/json' : 'application/octet-stream', data: bytes(data), metadata: bytes(metadata) }],
        { kind: 'any' },
      );
    },
    stop: async () => {
      for (const subscription of subscriptions) subscription.cancel();
      server.forceShutdown();
    },
  };
};
