import { UnreadableEvent, type AllSubscription, type EventStore, type RecordedEvent, type SubscriptionMessage } from '@apo/event-store';

/** What the log holds at a position: an event, or one the store cannot read (`UnreadableEvent`). */
export type LogItem = RecordedEvent | UnreadableEvent;

export interface Following {
  /** Applies the batch in hand, closes the subscription and waits for the loop to end. */
  stop(): Promise<void>;
}

/** Returned by `apply` when something must be read again: the log from after `rewindTo` (null: from the start). */
export interface Rewind {
  readonly rewindTo: bigint | null;
}

export interface FollowOptions {
  readonly store: EventStore;
  /** Exclusive start (a checkpoint); null: from the first event. */
  readonly after: bigint | null;
  /** Events per batch while catching up; asked again for every batch (a rebuild uses bigger ones). */
  readonly batchSize: () => number;
  /** Applies a batch and records `upTo` as reached (items may be empty: a checkpoint only). */
  readonly apply: (items: readonly LogItem[], upTo: bigint) => Promise<Rewind | undefined>;
  readonly onError: (error: unknown) => void;
}

const IDLE = Symbol('idle');
const nextMacrotask = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

type Next = IteratorResult<SubscriptionMessage> | { readonly unreadable: UnreadableEvent };

/** The subscription's next message, or the unreadable event it ended on (anything else rejects). */
const settle = (next: Promise<IteratorResult<SubscriptionMessage>>): Promise<Next> =>
  next.catch((error: unknown) => {
    if (error instanceof UnreadableEvent) return { unreadable: error };
    throw error;
  });

/**
 * Reads the log through a catch-up subscription and cuts it into batches: `batchSize` events
 * while catching up, then, once live, whatever arrived before the subscription went quiet (so a
 * single command is applied at once, and a burst still shares one transaction). An event the
 * store cannot read ends the store's subscription: it joins the batch as an `UnreadableEvent`
 * (the runner records it as a failed event) and a new subscription reads on after it. `apply`
 * may ask to read part of the log again (`Rewind`): the subscription starts over from there.
 */
export function follow(options: FollowOptions): Following {
  let subscription: AllSubscription | undefined;
  let stopping = false;

  /** One subscription from `after`; resolves with where the next one starts, or `undefined` when it ended. */
  const pass = async (after: bigint | null): Promise<{ readonly after: bigint | null } | undefined> => {
    const current = options.store.subscribeToAll(after === null ? {} : { after });
    subscription = current;
    const messages = current[Symbol.asyncIterator]();
    let batch: LogItem[] = [];
    let upTo: bigint | null = null;
    let flushedTo = after;
    let live = false;
    let rewind: Rewind | undefined;
    const flush = async () => {
      if (upTo === null || (flushedTo !== null && upTo <= flushedTo)) return;
      const items = batch;
      batch = [];
      rewind = (await options.apply(items, upTo)) ?? rewind;
      flushedTo = upTo;
    };
    let next = settle(messages.next());
    const leave = async (from: bigint | null) => {
      next.catch(() => undefined);
      await current.close();
      return stopping ? undefined : { after: from };
    };
    for (;;) {
      if (rewind && !stopping) return leave(rewind.rewindTo);
      let result: Next | typeof IDLE = live && batch.length > 0 ? await Promise.race([next, nextMacrotask()]) : await next;
      if (result === IDLE) {
        await flush();
        if (rewind) continue;
        result = await next;
      }
      if ('unreadable' in result) {
        batch.push(result.unreadable);
        upTo = result.unreadable.position;
        await flush();
        return leave(rewind ? rewind.rewindTo : upTo);
      }
      if (result.done) break;
      next = settle(messages.next());
      const message = result.value;
      if (message.kind === 'event') {
        batch.push(message.event);
        upTo = message.event.position;
        if (batch.length >= options.batchSize()) await flush();
      } else if (message.kind === 'checkpoint') {
        if (upTo === null || message.position > upTo) upTo = message.position;
      } else {
        live = true;
        await flush();
      }
    }
    // Stopped: what was read is applied, so a graceful stop loses no work.
    if (stopping) await flush();
    return undefined;
  };

  const loop = async () => {
    let from: { readonly after: bigint | null } | undefined = { after: options.after };
    while (from !== undefined && !stopping) from = await pass(from.after);
  };

  const done = loop().catch(async (error: unknown) => {
    await subscription?.close().catch(() => undefined);
    if (!stopping) options.onError(error);
    else throw error;
  });

  return {
    stop: async () => {
      stopping = true;
      await subscription?.close();
      await done;
    },
  };
}
