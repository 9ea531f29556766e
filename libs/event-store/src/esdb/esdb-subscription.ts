import type { Readable } from 'node:stream';
import type { AllSubscription, SubscriptionMessage } from '../port';

/** The client's catch-up subscription, seen as what it is: an object-mode Readable. */
export interface ClientSubscription extends Readable {
  unsubscribe(): Promise<void>;
}

type Marker = Exclude<SubscriptionMessage, { kind: 'event' }>;

/** Pause the client's stream above this many undelivered messages; resume below the low mark. */
const HIGH_WATER = 256;
const LOW_WATER = 64;

/**
 * Turns the client's subscription into the port's ordered message stream.
 *
 * The client reports events as stream data but `caughtUp` as an emitted event and checkpoints
 * through a callback; both fire when the server's message is processed, while earlier events may
 * still sit in the stream's buffer. Each marker is therefore pinned behind the number of events
 * that preceded it (those received plus those still buffered) and released only after them, so
 * a consumer never stores a checkpoint past an event it has not seen.
 */
export class EsdbSubscription implements AllSubscription {
  private readonly queue: SubscriptionMessage[] = [];
  private readonly pinned: { readonly after: number; readonly marker: Marker }[] = [];
  private received = 0;
  private failure: unknown;
  private finished = false;
  private closed = false;
  private iterated = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: ClientSubscription,
    /** The port message for one item of the client's stream, or undefined to skip it. */
    toMessage: (item: unknown) => SubscriptionMessage | undefined,
    /** Exclusive start: nothing at or before it is delivered again. */
    private readonly after: bigint | undefined,
    private readonly onClose: (subscription: EsdbSubscription) => void,
  ) {
    source.on('data', (item: unknown) => {
      // After a failure (an event that cannot be read) nothing more is delivered: the consumer
      // gets the events before it, then the error, and subscribes again after it if it reads on.
      if (this.finished) return;
      this.received += 1;
      try {
        const message = toMessage(item);
        if (message) this.queue.push(message);
      } catch (error) {
        this.fail(error);
      }
      while (this.pinned.length > 0 && this.pinned[0].after <= this.received) this.queue.push((this.pinned.shift() as { marker: Marker }).marker);
      if (this.queue.length > HIGH_WATER) source.pause();
      this.notify();
    });
    source.on('caughtUp', () => this.mark({ kind: 'caughtUp' }));
    source.on('error', (error: unknown) => this.fail(error));
    source.on('end', () => this.fail(new Error('EventStoreDB ended the subscription')));
  }

  /** A marker reported now follows every event received or buffered so far. */
  mark(marker: Marker): void {
    const after = this.received + this.source.readableLength;
    if (after <= this.received && this.pinned.length === 0) this.queue.push(marker);
    else this.pinned.push({ after, marker });
    this.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.notify();
    this.onClose(this);
    await this.source.unsubscribe();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.iterated) throw new Error('a subscription can be iterated only once');
    this.iterated = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<SubscriptionMessage> {
    // Guards the port's promises whatever the server does: no event twice, and no checkpoint
    // behind something already delivered.
    let floor = this.after ?? -1n;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const message = this.queue.shift();
        if (message === undefined) {
          if (this.failure !== undefined) throw this.failure;
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        if (this.queue.length < LOW_WATER && this.source.isPaused()) this.source.resume();
        if (message.kind === 'event') {
          if (message.event.position <= floor) continue;
          floor = message.event.position;
        } else if (message.kind === 'checkpoint') {
          if (message.position < floor) continue;
          floor = message.position;
        } else {
          if (caughtUp) continue;
          caughtUp = true;
        }
        yield message;
      }
    } finally {
      await this.close();
    }
  }

  private fail(error: unknown): void {
    if (this.closed || this.finished) return;
    this.finished = true;
    this.failure = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
