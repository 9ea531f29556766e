import { availableParallelism } from 'node:os';
import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { AuditDivergence } from '../audit-divergence';
import { DEFAULT_REGISTRY_SOURCE, type RegistrySource } from '../definitions';
import { scanHeads, type StreamHead } from '../heads';
import { checkSeal, sealDigest, type Seal, type SealCheck } from '../seal';
import { DivergenceCollector } from './divergence-collector';
import { verifyBatch, type BatchResult, type StreamTask } from './verify-batch';
import { VerifyWorkerPool } from './worker-pool';

export interface VerifyProgress {
  /** `scan`: reading the log once for the stream heads; `verify`: replaying stream by stream. */
  readonly phase: 'scan' | 'verify';
  readonly events: number;
  /** Known in the verify phase: the events the scan found. */
  readonly totalEvents?: number;
  readonly streams: number;
  readonly totalStreams?: number;
}

export interface VerifyStoreOptions {
  readonly registry: DefinitionRegistry;
  /** Worker threads; 0 verifies in this thread. Default: one per core. */
  readonly workers?: number;
  /** What the workers build their registry from (default: every definition, `auditRegistry`). */
  readonly registrySource?: RegistrySource;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** A filed seal (digest or seal file) to compare the heads with. */
  readonly seal?: string | Pick<Seal, 'digest' | 'heads'>;
  /** Divergences kept in the answer (all are counted). Default 10,000. */
  readonly maxDivergences?: number;
  /** Events per batch sent to a worker. Default 2,000. */
  readonly batchEvents?: number;
}

export interface StoreVerification {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  /** In log order of the streams, then by revision; at most `maxDivergences`. */
  readonly divergences: readonly AuditDivergence[];
  readonly divergenceCount: number;
  readonly brokenStreams: number;
  /** The digest over the heads read (what `seal` would print now). */
  readonly digest: string;
  readonly seal?: SealCheck;
  readonly workers: number;
}

/** Streams read from the store concurrently (hides EventStoreDB round trips). */
const READ_AHEAD = 16;

/**
 * Verifies every stream of the store: one pass over the log (`readAll`) for the stream heads,
 * then each stream read on its own (`readStream`, up to the scanned head) and replayed through
 * its definition by `checkStream`, in worker threads (one per core) or in this thread. The work
 * in flight is bounded, so memory grows with the number of streams (the heads), not of events.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions): Promise<StoreVerification> {
  const report = options.onProgress ?? (() => undefined);
  const workers = Math.max(0, options.workers ?? availableParallelism());
  // The workers start (and compile) while the log is scanned.
  const starting = workers > 0 ? VerifyWorkerPool.start(workers, options.registrySource ?? DEFAULT_REGISTRY_SOURCE) : undefined;
  let scan: Awaited<ReturnType<typeof scanHeads>>;
  try {
    scan = await scanHeads(store, (events) => report({ phase: 'scan', events, streams: 0 }));
  } catch (error) {
    await starting?.then((p) => p.close(), () => undefined);
    throw error;
  }
  const heads = [...scan.heads.values()];
  const pool = await starting;
  const collector = new DivergenceCollector(options.maxDivergences ?? 10_000);
  const batchEvents = options.batchEvents ?? 2_000;
  const maxInFlight = batchEvents * 2 * Math.max(1, workers);
  let verifiedEvents = 0;
  let verifiedStreams = 0;
  const inFlight = new Set<Promise<void>>();
  const done = (result: BatchResult) => {
    collector.add(result.broken);
    verifiedEvents += result.events;
    verifiedStreams += result.streams;
    report({ phase: 'verify', events: verifiedEvents, totalEvents: scan.events, streams: verifiedStreams, totalStreams: heads.length });
  };
  const dispatch = async (tasks: StreamTask[]) => {
    if (!pool) {
      done(verifyBatch(options.registry, tasks));
      await new Promise<void>((resolve) => setImmediate(resolve)); // let other work (HTTP) run
      return;
    }
    const running = pool.verify(tasks).then(done);
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running)).catch(() => undefined);
    while (pool.inFlight > maxInFlight) await Promise.race(inFlight);
  };
  try {
    report({ phase: 'verify', events: 0, totalEvents: scan.events, streams: 0, totalStreams: heads.length });
    let batch: StreamTask[] = [];
    let batchSize = 0;
    for (let from = 0; from < heads.length; from += READ_AHEAD) {
      const chunk = heads.slice(from, from + READ_AHEAD);
      const read = await Promise.all(chunk.map((head: StreamHead) => store.readStream(head.streamId, { maxCount: head.events })));
      for (let i = 0; i < chunk.length; i++) {
        batch.push({ index: from + i, streamId: chunk[i].streamId, events: read[i] });
        batchSize += read[i].length;
        if (batchSize >= batchEvents) {
          await dispatch(batch);
          batch = [];
          batchSize = 0;
        }
      }
    }
    if (batch.length > 0) await dispatch(batch);
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  const digest = sealDigest(heads);
  const seal = options.seal === undefined ? undefined : checkSeal(options.seal, heads);
  const divergences = collector.sorted();
  return {
    ok: collector.count === 0 && (seal?.matches ?? true),
    streams: heads.length,
    events: scan.events,
    divergences,
    divergenceCount: collector.count,
    brokenStreams: collector.streams,
    digest,
    seal,
    workers: pool?.size ?? 0,
  };
}
