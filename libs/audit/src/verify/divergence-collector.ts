import type { AuditDivergence } from '../audit-divergence';

/**
 * Gathers the divergences of broken streams as batches finish (in any order), keeping those of
 * the first streams in log order up to `limit` and counting all.
 */
export class DivergenceCollector {
  private readonly byStream = new Map<number, readonly AuditDivergence[]>();
  private kept = 0;
  count = 0;
  streams = 0;

  constructor(private readonly limit: number) {}

  add(broken: readonly { index: number; divergences: readonly AuditDivergence[] }[]): void {
    for (const { index, divergences } of broken) {
      this.count += divergences.length;
      this.streams++;
      this.byStream.set(index, divergences);
      this.kept += divergences.length;
    }
    if (this.kept <= this.limit) return;
    // Over the limit: drop the streams latest in log order until what is kept fits again.
    const indexes = [...this.byStream.keys()].sort((a, b) => b - a);
    for (const index of indexes) {
      if (this.kept - (this.byStream.get(index)?.length ?? 0) < this.limit) break;
      this.kept -= this.byStream.get(index)?.length ?? 0;
      this.byStream.delete(index);
    }
  }

  sorted(): AuditDivergence[] {
    const all = [...this.byStream.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, d]) => d);
    return all.slice(0, this.limit);
  }
}
