import type { AllSubscription, EventStore, RecordedEvent, SubscriptionMessage } from '@apo/event-store';
import { isStoreMessage, toWire, type Port, type StoreAnswer, type StoreCall } from './store-wire';

/** Events per `readAll` page and per subscription batch sent to the worker. */
export const PAGE = 512;
/** Subscription batches sent and not yet taken by the worker: the backpressure window (~2,000 events). */
const WINDOW = 4;

const IDLE = Symbol('idle');
const nextMacrotask = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

interface Pumped {
  readonly subscription: AllSubscription;
  credit: number;
  resume: (() => void) | undefined;
}

/**
 * Serves a projection worker's reads of `store` on `port` (the store stays on this thread: its
 * lock, its durable-head clamp). Subscriptions are forwarded in batches, at most `WINDOW`
 * ahead of what the worker took, so a catch-up of a long log never floods either thread.
 */
export function serveStore(port: Port, store: Pick<EventStore, 'readStream' | 'readAll' | 'subscribeToAll' | 'headPosition'>): { close(): Promise<void> } {
  const subscriptions = new Map<number, Pumped>();
  const send = (answer: StoreAnswer) => port.postMessage(answer);

  const call = async (message: Extract<StoreCall, { p: 'call' }>) => {
    try {
      if (message.op === 'head') return send({ p: 'reply', id: message.id, value: await store.headPosition() });
      if (message.op === 'stream') return send({ p: 'reply', id: message.id, value: await store.readStream(message.streamId, message.options) });
      const events: RecordedEvent[] = [];
      try {
        for await (const event of store.readAll({ ...message.options, maxCount: Math.min(PAGE, message.options.maxCount ?? PAGE) })) events.push(event);
      } catch (error) {
        return send({ p: 'page', id: message.id, events, error: toWire(error) });
      }
      send({ p: 'page', id: message.id, events });
    } catch (error) {
      send({ p: 'reply', id: message.id, error: toWire(error) });
    }
  };

  const pump = async (id: number, pumped: Pumped) => {
    const messages = pumped.subscription[Symbol.asyncIterator]();
    let next = messages.next();
    try {
      for (;;) {
        while (pumped.credit <= 0 && subscriptions.has(id)) await new Promise<void>((resolve) => (pumped.resume = resolve));
        if (!subscriptions.has(id)) break;
        const batch: SubscriptionMessage[] = [];
        const flush = () => {
          if (batch.length === 0) return;
          pumped.credit--;
          send({ p: 'msgs', id, messages: batch });
        };
        let result: IteratorResult<SubscriptionMessage> | typeof IDLE;
        try {
          result = await next;
          // What is ready now goes in one batch (a catch-up page); live, a quiet log sends at once.
          while (result !== IDLE && !result.done) {
            batch.push(result.value);
            next = messages.next();
            if (batch.length >= PAGE) break;
            result = await Promise.race([next, nextMacrotask()]);
          }
        } finally {
          // The events before an error (an unreadable event) go first.
          flush();
        }
        if (result !== IDLE && result.done) break;
      }
      send({ p: 'end', id });
    } catch (error) {
      send({ p: 'end', id, error: toWire(error) });
    } finally {
      next.catch(() => undefined);
      subscriptions.delete(id);
      await pumped.subscription.close().catch(() => undefined);
    }
  };

  const listener = (message: unknown) => {
    if (!isStoreMessage(message)) return;
    switch (message.p) {
      case 'call':
        void call(message);
        break;
      case 'sub': {
        const subscription = store.subscribeToAll({
          ...(message.after === undefined ? {} : { after: message.after }),
          ...(message.filter === undefined ? {} : { filter: message.filter }),
        });
        const pumped: Pumped = { subscription, credit: WINDOW, resume: undefined };
        subscriptions.set(message.id, pumped);
        void pump(message.id, pumped);
        break;
      }
      case 'credit': {
        const pumped = subscriptions.get(message.id);
        if (!pumped) break;
        pumped.credit++;
        pumped.resume?.();
        break;
      }
      case 'close': {
        const pumped = subscriptions.get(message.id);
        subscriptions.delete(message.id);
        pumped?.resume?.();
        void pumped?.subscription.close();
        break;
      }
    }
  };
  port.on('message', listener);

  return {
    close: async () => {
      port.off('message', listener);
      const open = [...subscriptions.values()];
      subscriptions.clear();
      for (const pumped of open) pumped.resume?.();
      await Promise.all(open.map((p) => p.subscription.close().catch(() => undefined)));
    },
  };
}
