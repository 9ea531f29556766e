import type { AllFilter, AllSubscription, SubscriptionMessage } from '../port';
import { toRecorded, type EventRow } from './rows';

/** What a subscription needs from its store. */
export interface LogSource {
  /** Position of the last committed event (0 when empty). */
  head(): number;
  page(low: number, high: number, filter: AllFilter | undefined, limit: number): EventRow[];
  detach(subscription: SqliteSubscription): void;
}

const PAGE_SIZE = 512;
/** Positions examined per query, so a selective filter cannot scan the whole log in one go. */
const WINDOW = 8192;
/** A filtered subscription reports progress at least this often (in positions) while skipping. */
const CHECKPOINT_INTERVAL = 1024;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Catch-up subscription without a gap or a duplicate: it reads committed pages from the last
 * position it examined up to the head, then sleeps until the store reports a commit. Commits and
 * reads run on one connection in one thread, so a page never sees position n + 1 without n, and
 * "live" is just the same loop after the first time the head was reached.
 */
export class SqliteSubscription implements AllSubscription {
  private closed = false;
  private started = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: LogSource,
    private readonly after: number,
    private readonly filter: AllFilter | undefined,
  ) {}

  /** Called by the store after every commit (and on close). */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.source.detach(this);
    this.notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.started) throw new Error('a subscription can be iterated only once');
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<SubscriptionMessage> {
    let examined = this.after;
    let reported = this.after;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const head = this.source.head();
        if (examined < head) {
          const high = Math.min(head, examined + WINDOW);
          const rows = this.source.page(examined + 1, high, this.filter, PAGE_SIZE);
          for (const row of rows) {
            yield { kind: 'event', event: toRecorded(row) };
            if (this.closed) return;
            reported = row[0];
          }
          const full = rows.length === PAGE_SIZE;
          examined = full ? rows[rows.length - 1][0] : high;
          if (this.filter && examined - reported >= CHECKPOINT_INTERVAL) {
            reported = examined;
            yield { kind: 'checkpoint', position: BigInt(examined) };
          }
          // Long catch-ups hand the event loop back between pages (appends keep flowing).
          if (examined < head) await nextMacrotask();
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          if (this.filter && examined > reported) {
            reported = examined;
            yield { kind: 'checkpoint', position: BigInt(examined) };
          }
          yield { kind: 'caughtUp' };
          continue;
        }
        // Nothing new: sleep until a commit. No await between reading the head and arming the
        // wake-up, so a commit cannot slip in unnoticed.
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      this.closed = true;
      this.source.detach(this);
    }
  }
}
