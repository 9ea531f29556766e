import type { EventStore, RecordedEvent, SubscriptionMessage } from '@apo/event-store';

export interface Following {
  /** Applies the batch in hand, closes the subscription and waits for the loop to end. */
  stop(): Promise<void>;
}

export interface FollowOptions {
  readonly store: EventStore;
  /** Exclusive start (a checkpoint); null: from the first event. */
  readonly after: bigint | null;
  /** Events per batch while catching up; asked again for every batch (a rebuild uses bigger ones). */
  readonly batchSize: () => number;
  /** Applies a batch and records `upTo` as reached (events may be empty: a checkpoint only). */
  readonly apply: (events: readonly RecordedEvent[], upTo: bigint) => Promise<void>;
  readonly onError: (error: unknown) => void;
}

const IDLE = Symbol('idle');
const nextMacrotask = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Reads the log through a catch-up subscription and cuts it into batches: `batchSize` events
 * while catching up, then, once live, whatever arrived before the subscription went quiet (so a
 * single command is applied at once, and a burst still shares one transaction).
 */
export function follow(options: FollowOptions): Following {
  const subscription = options.store.subscribeToAll(options.after === null ? {} : { after: options.after });
  let stopping = false;

  const loop = async () => {
    const messages = subscription[Symbol.asyncIterator]();
    let batch: RecordedEvent[] = [];
    let upTo: bigint | null = null;
    let flushedTo = options.after;
    let live = false;
    const flush = async () => {
      if (upTo === null || (flushedTo !== null && upTo <= flushedTo)) return;
      const events = batch;
      batch = [];
      await options.apply(events, upTo);
      flushedTo = upTo;
    };
    let next = messages.next();
    for (;;) {
      let result: IteratorResult<SubscriptionMessage> | typeof IDLE = live && batch.length > 0 ? await Promise.race([next, nextMacrotask()]) : await next;
      if (result === IDLE) {
        await flush();
        result = await next;
      }
      if (result.done) break;
      next = messages.next();
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
  };

  const done = loop().catch(async (error: unknown) => {
    await subscription.close().catch(() => undefined);
    if (!stopping) options.onError(error);
    else throw error;
  });

  return {
    stop: async () => {
      stopping = true;
      await subscription.close();
      await done;
    },
  };
}
