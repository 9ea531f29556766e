import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { validateEvents, validateExpected, validateFilter, validatePosition, validateReadAll, validateReadStream, validateStreamId } from '../sqlite/validate';
import {
  fromPosition,
  isSystemEvent,
  mapAppendError,
  matchesFilter,
  toEventData,
  toExpectedRevision,
  toPosition,
  toRecordedEvent,
  toServerFilter,
} from './esdb-mapping';
import { EsdbSubscription, type ClientSubscription } from './esdb-subscription';

/** Events per `$all` page: system events and client-side filtering may skip many of them. */
const READ_ALL_PAGE = 256;

/**
 * Connects to EventStoreDB from a connection string (configuration, never code):
 * `esdb://host:2113?tls=false` for a single node, `esdb://host1:2113,host2:2113,host3:2113` or
 * `esdb+discover://cluster.dns:2113` for a cluster (TLS is on unless `tls=false`; add
 * `tlsCAFile=...` for a private CA). The client connects lazily, on the first call.
 */
export const openEsdbEventStore = async (connectionString: string): Promise<EsdbEventStore> =>
  new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));

/**
 * The EventStore port over EventStoreDB (server 23.10 or later: it signals `caughtUp`).
 * Input rules are the embedded store's (same validation), so both adapters refuse the same calls.
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(private readonly client: EventStoreDBClient) {}

  async appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateStreamId(streamId);
    const checkedExpected = validateExpected(expected);
    // Lower-case ids, as the server reports them back.
    const ids = validateEvents(events);
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((e, i) => toEventData({ ...e, eventId: ids[i] })),
        {
          expectedRevision: toExpectedRevision(checkedExpected),
        },
      );
    } catch (error) {
      throw mapAppendError(error, streamId);
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // Older servers answer an idempotent retry without a position: read it from the stream.
    const position = result.position
      ? fromPosition(result.position)
      : (await this.readStream(streamId, { fromRevision: nextExpectedRevision, maxCount: 1 }))[0]?.position;
    if (position === undefined) throw new Error(`EventStoreDB reported no position for the append to ${streamId}`);
    return { nextExpectedRevision, position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    validateStreamId(streamId);
    const { backwards, fromRevision, maxCount } = validateReadStream(options);
    if (maxCount === 0) return [];
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      // The client starts at START in both directions unless told; backwards means from the end.
      fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
      maxCount: maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    const resolved: ResolvedEvent[] = [];
    try {
      for await (const event of read as AsyncIterable<ResolvedEvent>) resolved.push(event);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    // Mapped once the read is over: an event it cannot read (UnreadableEvent) must not leave the call half read.
    return resolved.map(toRecordedEvent);
  }

  /**
   * Pages through `$all`. The client's read has no filter, so filters and the exclusion of system
   * events apply here, and `maxCount` counts only what is returned. The server reads forwards
   * from a position inclusively (and backwards exclusively): the event at the port's exclusive
   * bound is skipped here.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const { backwards, position, maxCount, filter } = validateReadAll(options);
    let remaining = maxCount ?? Number.POSITIVE_INFINITY;
    let bound = position;
    while (remaining > 0) {
      const page = filter ? READ_ALL_PAGE : Math.min(READ_ALL_PAGE, remaining + 1);
      const read = this.client.readAll({
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition: bound === undefined ? (backwards ? END : START) : toPosition(bound),
        maxCount: page,
      });
      let seen = 0;
      let complete = false;
      let unreadable: unknown;
      try {
        for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
          seen += 1;
          // After an event it cannot read, the rest of the page is read to its end: a call given up
          // with its last responses unread is never finished, and the client's dispose waits for it.
          if (unreadable !== undefined) continue;
          const at = resolved.event?.position.commit ?? resolved.commitPosition;
          if (at === undefined) throw new Error('EventStoreDB returned an event of $all without a position');
          if (bound !== undefined && (backwards ? at >= bound : at <= bound)) continue;
          bound = at;
          if (isSystemEvent(resolved)) continue;
          let event: RecordedEvent;
          try {
            event = toRecordedEvent(resolved);
          } catch (error) {
            unreadable = error;
            continue;
          }
          if (!matchesFilter(filter, event)) continue;
          yield event;
          if (--remaining === 0) break;
        }
        complete = true;
      } finally {
        // Stopped early (by maxCount or by the consumer): end the server's read too.
        if (!complete || remaining === 0) await read.cancel();
      }
      if (unreadable !== undefined) throw unreadable;
      if (seen < page) return;
    }
  }

  /** The commit position of the last event of `$all` that is not the server's own (read undecoded: an unreadable event counts). */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let bound: bigint | undefined;
    for (;;) {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: bound === undefined ? END : toPosition(bound), maxCount: READ_ALL_PAGE });
      let seen = 0;
      let head: bigint | undefined;
      try {
        for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
          seen += 1;
          const at = resolved.event?.position.commit ?? resolved.commitPosition;
          if (at === undefined) throw new Error('EventStoreDB returned an event of $all without a position');
          if (bound !== undefined && at >= bound) continue;
          bound = at;
          if (isSystemEvent(resolved)) continue;
          head = at;
          break;
        }
      } finally {
        await read.cancel();
      }
      if (head !== undefined) return head;
      if (seen < READ_ALL_PAGE) return 0n;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const filter = validateFilter(options.filter);
    const after = validatePosition(options.after, 'after');
    // The filter's checkpoint callback needs the subscription that is built from the filter.
    const ref: { subscription?: EsdbSubscription } = {};
    const serverFilter = toServerFilter(filter, (position) => ref.subscription?.mark({ kind: 'checkpoint', position: fromPosition(position) }));
    const source = this.client.subscribeToAll({ fromPosition: after === undefined ? START : toPosition(after), filter: serverFilter });
    const subscription = new EsdbSubscription(
      source as unknown as ClientSubscription,
      (item) => {
        const resolved = item as AllStreamResolvedEvent;
        if (isSystemEvent(resolved)) return undefined;
        const event = toRecordedEvent(resolved);
        return matchesFilter(filter, event) ? { kind: 'event', event } : undefined;
      },
      after,
      (closed) => this.subscriptions.delete(closed),
    );
    ref.subscription = subscription;
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
  }
}
