import { availableParallelism } from 'node:os';
import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { AuditDivergence } from '../audit-divergence';
import { DEFAULT_REGISTRY_SOURCE, type RegistrySource } from '../definitions';
import { checkStream } from '../check-stream';
import type { StreamHead } from '../heads';
import { checkSeal, sealDigest, type Seal, type SealCheck } from '../seal';
import { DivergenceCollector } from './divergence-collector';
import { LogVerifier, type LogVerdict } from './log-verifier';
import type { WireEvent } from './verify-worker';
import { VerifyWorkerPool } from './worker-pool';

export interface VerifyProgress {
  /**
   * `scan`: reading the log once, verifying as it goes (the totals are not known yet); `verify`:
   * the pass is over (streams read again on their own, if any, then the totals).
   */
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
  /** Events per batch sent to a worker (each worker has at most about two batches in flight). Default 2,000. */
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

const hashOf = (metadata: unknown): string => {
  const hash = (metadata as { hash?: unknown } | null)?.hash;
  return typeof hash === 'string' ? hash : '';
};

/**
 * Verifies every stream of the store in one pass over the log (`readAll`): each event goes to the
 * verifier that owns its stream (a worker thread, one per core, by the stream's place in the log;
 * or this thread), which keeps the stream's replay from one event to the next (`LogVerifier`: the
 * answer `checkStream` gives on the stream as read). The pass also keeps the stream heads for the
 * digest and the seal. A stream whose revisions go back along the log is read again on its own
 * and checked as read. Events in flight are bounded: memory grows with the number of streams
 * (one replay state each), not of events.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions): Promise<StoreVerification> {
  const report = options.onProgress ?? (() => undefined);
  const workers = Math.max(0, options.workers ?? availableParallelism());
  // The workers start (and compile) while the first batch is read.
  const starting = workers > 0 ? VerifyWorkerPool.start(workers, options.registrySource ?? DEFAULT_REGISTRY_SOURCE) : undefined;
  const batchEvents = options.batchEvents ?? 2_000;
  const streams = new Map<string, { readonly index: number; head: StreamHead }>();
  const local = workers === 0 ? new LogVerifier(options.registry) : undefined;
  let pool: VerifyWorkerPool | undefined;
  let events = 0;
  const verdicts: LogVerdict[] = [];
  try {
    const buffers: WireEvent[][] = Array.from({ length: workers }, () => []);
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    const flush = async (slot: number) => {
      const batch = buffers[slot];
      if (batch.length === 0) return;
      buffers[slot] = [];
      pool ??= await starting;
      const running = (pool as VerifyWorkerPool).send(slot, batch).then(
        () => undefined,
        (error: unknown) => void (failure ??= error),
      );
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
      while ((pool as VerifyWorkerPool).load(slot) > 2 * batchEvents) await Promise.race(inFlight);
      if (failure !== undefined) throw failure;
    };
    for await (const event of store.readAll()) {
      events++;
      let stream = streams.get(event.streamId);
      if (!stream) {
        stream = { index: streams.size, head: { streamId: event.streamId, revision: event.revision, hash: hashOf(event.metadata), events: 0 } };
        streams.set(event.streamId, stream);
      }
      const head = stream.head;
      stream.head = event.revision >= head.revision ? { streamId: event.streamId, revision: event.revision, hash: hashOf(event.metadata), events: head.events + 1 } : { ...head, events: head.events + 1 };
      const { index } = stream;
      if (local) local.push({ index, streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata });
      else {
        const slot = index % workers;
        buffers[slot].push([index, event.streamId, event.revision, event.eventId, event.type, event.data, event.metadata]);
        if (buffers[slot].length >= batchEvents) await flush(slot);
      }
      if (events % PROGRESS_EVERY === 0) report({ phase: 'scan', events, streams: streams.size });
    }
    for (let slot = 0; slot < workers; slot++) await flush(slot);
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    if (local) verdicts.push(local.finish());
    else {
      pool ??= await starting;
      verdicts.push(...(await (pool as VerifyWorkerPool).finish()));
    }
  } finally {
    await (pool ?? (await starting?.catch(() => undefined)))?.close();
  }
  const heads = [...streams.values()].map((s) => s.head);
  const collector = new DivergenceCollector(options.maxDivergences ?? 10_000);
  for (const verdict of verdicts) collector.add(verdict.broken);
  // Streams whose revisions went back along the log: checked as `readStream` returns them.
  for (const index of verdicts.flatMap((v) => v.reread).sort((a, b) => a - b)) {
    const head = heads[index];
    const check = checkStream(options.registry, head.streamId, await store.readStream(head.streamId, { maxCount: head.events }));
    if (check.divergences.length > 0) collector.add([{ index, divergences: check.divergences }]);
  }
  report({ phase: 'verify', events, totalEvents: events, streams: heads.length, totalStreams: heads.length });
  const digest = sealDigest(heads);
  const seal = options.seal === undefined ? undefined : checkSeal(options.seal, heads);
  const divergences = collector.sorted();
  return {
    ok: collector.count === 0 && (seal?.matches ?? true),
    streams: heads.length,
    events,
    divergences,
    divergenceCount: collector.count,
    brokenStreams: collector.streams,
    digest,
    seal,
    workers: workers > 0 ? workers : 0,
  };
}

const PROGRESS_EVERY = 10_000;
