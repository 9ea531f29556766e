import { availableParallelism } from 'node:os';
import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore, LogCopy } from '@apo/event-store';
import { DEFAULT_REGISTRY_SOURCE, type RegistrySource } from '../definitions';
import type { AuditDivergence } from '../audit-divergence';
import { checkStream } from '../check-stream';
import { readStreamThrough } from '../read-through';
import { checkSeal, sealDigest, type Seal, type SealCheck } from '../seal';
import { copyPass, startCopyWorkers, type CopyWorkers } from './copy-pass';
import { DivergenceCollector } from './divergence-collector';
import { logPass } from './log-pass';
import type { PassProgress, StorePass } from './store-pass';

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
  /** Events per batch sent to a worker when this thread reads the log (`read: 'log'`). Default 2,000. */
  readonly batchEvents?: number;
  /**
   * Who reads the events. `copy`: the worker threads, each from a copy of the log taken when the
   * verify starts (the store's `copyForReading`: the embedded SQLite store holds its own file
   * exclusively); `log`: this thread, over the store's port (`readAll`), shipping each event to
   * the thread owning its stream. Default: `copy` for a store that can copy its log, with workers
   * (`log` if the copy cannot be made, e.g. for lack of disk space), else `log`. Both give the same answer.
   */
  readonly read?: 'copy' | 'log';
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
  /** Who read the events (see `VerifyStoreOptions.read`). */
  readonly read: 'copy' | 'log';
}

/**
 * Verifies every stream of the store: what the log holds up to its last position when the verify
 * starts (events appended meanwhile are left for the next verify). Each stream is replayed and
 * checked as `checkStream` checks it as `readStream` returns it, by one thread (a worker thread
 * per core, or this one); see `read` for who reads the events. The heads read make the digest
 * and are compared with the seal. Memory grows with the number of streams, not of events.
 */
export async function verifyStore(store: EventStore, options: VerifyStoreOptions): Promise<StoreVerification> {
  const report = options.onProgress ?? (() => undefined);
  const workers = Math.max(0, options.workers ?? availableParallelism());
  const registrySource = options.registrySource ?? DEFAULT_REGISTRY_SOURCE;
  const onProgress: PassProgress = (events, streams) => report({ phase: 'scan', events, streams });
  // Chosen by what the store can do (wrappers forward the capability), not by its class.
  const copyLog = workers > 0 ? store.copyForReading?.bind(store) : undefined;
  if (options.read === 'copy' && !copyLog)
    throw new TypeError('verifyStore: read "copy" needs a store that can copy its log (copyForReading) and at least one worker');
  const copied =
    copyLog && options.read !== 'log' ? await tryCopyPass(store, copyLog, workers, registrySource, onProgress, options.read === 'copy') : undefined;
  const read = copied ? 'copy' : 'log';
  const pass = copied ?? (await logPass(store, { registry: options.registry, registrySource, workers, batchEvents: options.batchEvents ?? 2_000, onProgress }));
  const { heads, events } = pass;
  const collector = new DivergenceCollector(options.maxDivergences ?? 10_000);
  collector.add(pass.broken);
  // Streams the pass could not judge as read: checked as `readStream` returns them.
  for (const index of pass.reread) {
    const head = heads[index];
    const check = checkStream(options.registry, head.streamId, await readStreamThrough(store, head.streamId, head.events));
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
    read,
  };
}

/**
 * The copy pass over everything up to the log's last position now. Undefined (the caller reads
 * the log instead) when the copy cannot be made and `required` is false.
 */
async function tryCopyPass(
  store: EventStore,
  copyLog: () => Promise<LogCopy>,
  workers: number,
  registry: RegistrySource,
  onProgress: PassProgress,
  required: boolean,
): Promise<StorePass | undefined> {
  if ((await store.headPosition()) === 0n) return { events: 0, heads: [], broken: [], reread: [] };
  // The workers start (and compile) while the copy is made.
  const starting = startCopyWorkers(workers, registry);
  let pool: CopyWorkers | undefined;
  try {
    let copy: LogCopy;
    try {
      copy = await copyLog();
    } catch (error) {
      if (required) throw error;
      return undefined;
    }
    pool = await starting;
    return await copyPass(copy, pool, onProgress);
  } finally {
    await (pool ?? (await starting.catch(() => undefined)))?.close();
  }
}
