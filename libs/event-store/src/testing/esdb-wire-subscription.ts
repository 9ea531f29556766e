import { matches, type WireEvent, type WireFilter, type WireLog } from './esdb-wire-log';

/** What a `$all` subscription sends after its confirmation, before the server encodes it. */
export type WireSubscriptionMessage =
  | { readonly kind: 'event'; readonly event: WireEvent }
  | { readonly kind: 'checkpoint'; readonly position: bigint }
  | { readonly kind: 'caughtUp' };

export interface WireSubscriptionOptions {
  /** Exclusive start: deliver events after this position. */
  readonly from: 'start' | 'end' | bigint;
  readonly filter?: WireFilter;
  /** Events examined per catch-up page (the filter's `max`, else the server's batch of 32). */
  readonly window: number;
  /** A filtered subscription reports a checkpoint every this many examined events. */
  readonly checkpointInterval: number;
}

/** The server's read batch size: a catch-up page delivers at most this many events. */
export const READ_BATCH_SIZE = 32;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A catch-up subscription to `$all` with EventStoreDB's visible behaviour: history in pages,
 * one `caughtUp` when the head is reached, then live events. With a filter it counts examined
 * events and, like the server, reports a checkpoint
 * - while catching up: after a page, once the count reaches the interval, at the position of the
 *   last event the page delivered (or where the page started when it delivered none), and not
 *   after the page that reaches the end;
 * - live: at the examined event that brings the count to the interval.
 * Every checkpoint is therefore a safe exclusive resume point.
 */
export class WireSubscription {
  private cancelled = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly log: WireLog,
    private readonly options: WireSubscriptionOptions,
    /** Resolves once the message is handed to the transport (back-pressure). */
    private readonly send: (message: WireSubscriptionMessage) => Promise<void>,
  ) {}

  cancel(): void {
    this.cancelled = true;
    this.notify();
  }

  async run(): Promise<void> {
    const { from, filter, window, checkpointInterval } = this.options;
    const off = this.log.onAppend(() => this.notify());
    let cursor = from === 'start' ? 0n : from === 'end' ? this.log.head() : from;
    let counter = 0;
    let live = false;
    try {
      while (!this.cancelled) {
        const head = this.log.head();
        if (cursor >= head) {
          if (!live) {
            live = true;
            await this.send({ kind: 'caughtUp' });
            continue;
          }
          // Nothing new: sleep until an append. No await between reading the head and arming
          // the wake-up, so an append cannot slip in unnoticed.
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          continue;
        }
        if (live) {
          cursor += 1n;
          const event = this.eventAt(cursor);
          if (matches(filter, event)) await this.send({ kind: 'event', event });
          if (filter && ++counter >= checkpointInterval) {
            counter = 0;
            await this.send({ kind: 'checkpoint', position: cursor });
          }
          continue;
        }
        const pageStart = cursor;
        let lastDelivered: bigint | undefined;
        let examined = 0;
        let delivered = 0;
        while (cursor < head && examined < window && delivered < READ_BATCH_SIZE && !this.cancelled) {
          cursor += 1n;
          examined += 1;
          const event = this.eventAt(cursor);
          if (!matches(filter, event)) continue;
          await this.send({ kind: 'event', event });
          delivered += 1;
          lastDelivered = cursor;
        }
        const reachedEnd = cursor >= this.log.head();
        if (filter && (counter += examined) >= checkpointInterval && !reachedEnd) {
          counter %= checkpointInterval;
          await this.send({ kind: 'checkpoint', position: lastDelivered ?? pageStart });
        }
        // Long catch-ups hand the event loop back between pages, so appends keep flowing.
        await nextTurn();
      }
    } finally {
      off();
    }
  }

  private eventAt(position: bigint): WireEvent {
    const event = this.log.at(position);
    if (!event) throw new Error(`no event at position ${position}`);
    return event;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
