import type {
  AllSubscription,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '@apo/event-store';
import { PAGE } from './store-host';
import { fromWire, isStoreMessage, type Port, type StoreAnswer, type StoreCall, type WireError } from './store-wire';

type CallBody = StoreCall extends infer C ? (C extends { p: 'call' } ? Omit<C, 'id' | 'p'> : never) : never;
type Page = { events: RecordedEvent[]; error?: WireError };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The event log as a projection worker sees it: the parts of `EventStore` the runner and the
 * projections use, each a request to the thread that owns the store (`serveStore`).
 */
export class StoreClient implements EventStore {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly subscriptions = new Map<number, ProxySubscription>();
  private closed: Error | undefined;

  constructor(private readonly port: Port) {
    port.on('message', this.listener);
  }

  headPosition(): Promise<bigint> {
    return this.call({ op: 'head' }) as Promise<bigint>;
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.call({ op: 'stream', streamId, ...(options === undefined ? {} : { options }) }) as Promise<RecordedEvent[]>;
  }

  /** In pages of at most `PAGE` events; an unreadable event ends the read as it does on the store. */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let position = options.position;
    let left = options.maxCount ?? Number.POSITIVE_INFINITY;
    // At least one call, even for maxCount 0: the store validates the options (and refuses bad ones) whatever the count.
    for (;;) {
      const asked = Math.min(PAGE, left);
      const page = (await this.call({ op: 'all', options: { ...options, ...(position === undefined ? {} : { position }), maxCount: asked } })) as Page;
      for (const event of page.events) yield event;
      if (page.error) throw fromWire(page.error);
      left -= page.events.length;
      if (page.events.length < asked || left <= 0) return;
      position = page.events[page.events.length - 1].position;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const id = this.nextId++;
    const subscription = new ProxySubscription(
      () => this.port.postMessage({ p: 'credit', id }),
      () => {
        this.subscriptions.delete(id);
        this.port.postMessage({ p: 'close', id });
      },
    );
    if (this.closed) subscription.end(this.closed);
    else {
      this.subscriptions.set(id, subscription);
      this.port.postMessage({ p: 'sub', id, ...options });
    }
    return subscription;
  }

  /** The worker only reads: the commands append on the thread that owns the store. */
  appendToStream(): Promise<never> {
    return Promise.reject(new Error('the event store proxy of a projection worker is read-only'));
  }

  /** Every open request and subscription fails with `error` (the host is gone); later ones too. */
  async close(error = new Error('the event store proxy is closed')): Promise<void> {
    if (this.closed) return;
    this.closed = error;
    this.port.off('message', this.listener);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const s of this.subscriptions.values()) s.end(error);
    this.subscriptions.clear();
  }

  private call(body: CallBody): Promise<unknown> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ p: 'call', id, ...body });
    });
  }

  private readonly listener = (message: unknown) => {
    if (!isStoreMessage(message)) return;
    const answer = message as StoreAnswer;
    if (answer.p === 'reply' || answer.p === 'page') {
      const pending = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (answer.p === 'page') pending?.resolve({ events: answer.events, error: answer.error });
      else if (answer.error) pending?.reject(fromWire(answer.error));
      else pending?.resolve(answer.value);
    } else if (answer.p === 'msgs') {
      this.subscriptions.get(answer.id)?.push(answer.messages);
    } else if (answer.p === 'end') {
      this.subscriptions.get(answer.id)?.end(answer.error ? fromWire(answer.error) : undefined);
      this.subscriptions.delete(answer.id);
    }
  };
}

/** A subscription's batches as they arrive; taking a batch gives the host credit for one more. */
class ProxySubscription implements AllSubscription {
  private readonly batches: SubscriptionMessage[][] = [];
  private current: SubscriptionMessage[] = [];
  private index = 0;
  private ended: { error?: Error } | undefined;
  private closed = false;
  private waiting: (() => void) | undefined;
  private started = false;

  constructor(
    private readonly credit: () => void,
    private readonly onClose: () => void,
  ) {}

  push(messages: SubscriptionMessage[]): void {
    if (this.closed) return;
    this.batches.push(messages);
    this.wake();
  }

  end(error?: Error): void {
    this.ended ??= error ? { error } : {};
    this.wake();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.batches.length = 0;
    if (!this.ended) this.onClose();
    this.wake();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    return { next: () => this.next() };
  }

  private async next(): Promise<IteratorResult<SubscriptionMessage>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (this.index < this.current.length) return { done: false, value: this.current[this.index++] };
      const batch = this.batches.shift();
      if (batch) {
        this.current = batch;
        this.index = 0;
        if (!this.ended) this.credit();
        continue;
      }
      if (this.ended) {
        if (this.ended.error) throw this.ended.error;
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
