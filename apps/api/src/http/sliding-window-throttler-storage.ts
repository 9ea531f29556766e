import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a storage answers (the package does not export the type from its root). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  /** Start of the current fixed window (a multiple of the ttl). */
  start: number;
  current: number;
  previous: number;
}

/**
 * Rate-limit counts in O(1) per request: a sliding-window estimate over two fixed windows
 * (the previous window's count weighted by how much of it still overlaps the last `ttl` ms, plus
 * the current window's count). @nestjs/throttler's default storage keeps one timestamp per hit and
 * filters them on every request: O(hits in the last minute), which at thousands of requests per
 * second costs more than the request itself, and its `Math.min(...hits)` overflows the stack past
 * ~100,000 hits. A refused request is not counted.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.sweep(now, ttl);
    const id = `${throttlerName}\u0000${key}`;
    const start = now - (now % ttl);
    let w = this.windows.get(id);
    if (!w) this.windows.set(id, (w = { start, current: 0, previous: 0 }));
    else if (w.start !== start) {
      w.previous = w.start === start - ttl ? w.current : 0;
      w.current = 0;
      w.start = start;
    }
    const overlap = 1 - (now - start) / ttl;
    const estimate = Math.floor(w.previous * overlap) + w.current;
    const timeToExpire = Math.ceil((start + ttl - now) / 1000);
    if (estimate >= limit) return { totalHits: estimate + 1, timeToExpire, isBlocked: true, timeToBlockExpire: Math.max(1, timeToExpire) };
    w.current++;
    return { totalHits: estimate + 1, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** The sliding-window count of `key` now, without counting a hit (e.g. failures so far). */
  estimate(key: string, ttl: number, throttlerName: string): number {
    const now = this.now();
    const w = this.windows.get(`${throttlerName}\u0000${key}`);
    if (!w) return 0;
    const start = now - (now % ttl);
    if (w.start === start) return Math.floor(w.previous * (1 - (now - start) / ttl)) + w.current;
    return w.start === start - ttl ? Math.floor(w.current * (1 - (now - start) / ttl)) : 0;
  }

  /** Forgets keys idle for two windows (at most once per window). */
  private sweep(now: number, ttl: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + ttl;
    for (const [id, w] of this.windows) if (w.start + 2 * ttl <= now) this.windows.delete(id);
  }
}
