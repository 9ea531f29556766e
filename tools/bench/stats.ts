/** Small statistics shared by every bench section. */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const spread = (values: readonly number[]): Spread => {
  const s = sorted(values);
  return { median: percentile(s, 50), min: s[0], max: s[s.length - 1] };
};

/** Milliseconds since `start` (from `process.hrtime.bigint()`). */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * Peak resident set size while it runs. Sampling on a timer misses spikes inside one synchronous
 * call, so callers also `sample()` at the points they know are heavy (e.g. the end of a run).
 */
export class RssSampler {
  private peak = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 10);

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  /** Stops sampling; the peak in MiB. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak / 2 ** 20;
  }
}

/** Collects garbage between runs when node was started with --expose-gc (npm run bench does). */
export const collectGarbage = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};
