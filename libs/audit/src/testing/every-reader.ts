import type { SqliteEventStore } from '@apo/event-store/sqlite';
import type { AuditDivergence } from '../audit-divergence';
import { auditRegistry, DEFAULT_REGISTRY_SOURCE } from '../definitions';
import { scanHeads } from '../heads';
import { sealDigest } from '../seal';
import { copyPass, startCopyWorkers, type CopyWorkers } from '../verify/copy-pass';
import { logPass } from '../verify/log-pass';
import type { StorePass } from '../verify/store-pass';
import { verifyInstance } from '../verify/verify-instance';
import { verifyStore, type StoreVerification } from '../verify/verify-store';
import { VerifyWorkerPool } from '../verify/worker-pool';

/** What one reader of the store found: the events, the digest over the heads, the divergences in log order of their streams. */
export interface ReaderAnswer {
  readonly events: number;
  readonly digest: string;
  readonly divergences: readonly AuditDivergence[];
}

const registry = auditRegistry();
const ignore = () => undefined;

/** A pass's answer: its broken streams in log order (a stream's index is its place in the log). */
function answerOf(pass: StorePass): ReaderAnswer {
  if (pass.reread.length > 0) throw new Error('every-reader compares passes that judge every stream as read (no stream to re-read)');
  const broken = [...pass.broken].sort((a, b) => a.index - b.index);
  return { events: pass.events, digest: sealDigest(pass.heads), divergences: broken.flatMap((b) => b.divergences) };
}

/**
 * Every way the audit reads a SQLite store, with worker threads started once for many stores (a
 * worker compiles TypeScript for a second or two when it starts): the whole-store verify in this
 * thread (`single`, the reference), the pass of worker threads reading a copy of the file
 * (`copied`), the pass of worker threads fed from the log (`fed`), and `verifyInstance` on each
 * stream of the heads (`streams`).
 */
export class EveryReader {
  private constructor(
    private readonly copyWorkers: CopyWorkers,
    private readonly fedWorkers: VerifyWorkerPool,
  ) {}

  static async start(workers = 2): Promise<EveryReader> {
    const [copy, fed] = await Promise.all([startCopyWorkers(workers, DEFAULT_REGISTRY_SOURCE), VerifyWorkerPool.start(workers, DEFAULT_REGISTRY_SOURCE)]);
    return new EveryReader(copy, fed);
  }

  async read(store: SqliteEventStore): Promise<{ single: StoreVerification; copied: ReaderAnswer; fed: ReaderAnswer; streams: ReaderAnswer }> {
    const single = await verifyStore(store, { registry, workers: 0 });
    const copied = answerOf(await copyPass(await store.copyForReading(), this.copyWorkers, ignore));
    const fed = answerOf(
      await logPass(store, {
        registry,
        registrySource: DEFAULT_REGISTRY_SOURCE,
        workers: this.fedWorkers.size,
        batchEvents: 7,
        onProgress: ignore,
        pool: this.fedWorkers,
      }),
    );
    const scan = await scanHeads(store);
    const divergences: AuditDivergence[] = [];
    for (const streamId of scan.heads.keys()) divergences.push(...(await verifyInstance(store, registry, streamId)).divergences);
    return { single, copied, fed, streams: { events: scan.events, digest: sealDigest(scan.heads.values()), divergences } };
  }

  close(): Promise<unknown> {
    return Promise.all([this.copyWorkers.close(), this.fedWorkers.close()]);
  }
}
