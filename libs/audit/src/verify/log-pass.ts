import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { RegistrySource } from '../definitions';
import { headAfter, type StreamHead } from '../heads';
import { readLogThrough } from '../read-through';
import { LogVerifier, type LogVerdict } from './log-verifier';
import type { PassProgress, StorePass } from './store-pass';
import { toWireEvent, type WireEvent } from './wire-event';
import { VerifyWorkerPool } from './worker-pool';

const PROGRESS_EVERY = 10_000;

/**
 * One pass over the log (`readAll`, the log as it was when the pass started, read on past every
 * event the store cannot read) in this thread: each event goes to the verifier that owns its
 * stream (a worker thread, by the stream's place in the log modulo `workers`; or this thread when
 * `workers` is 0), which keeps the stream's replay from one event to the next (`LogVerifier`). The
 * pass also keeps the stream heads. Events in flight are bounded (about two batches of
 * `batchEvents` per worker): memory grows with the number of streams (one replay state each), not
 * of events.
 */
export async function logPass(
  store: EventStore,
  options: {
    readonly registry: DefinitionRegistry;
    readonly registrySource: RegistrySource;
    readonly workers: number;
    readonly batchEvents: number;
    readonly onProgress: PassProgress;
    /** Workers already started, used instead of starting `workers` and left open (ready for another pass once this one has finished). */
    readonly pool?: VerifyWorkerPool;
  },
): Promise<StorePass> {
  const { batchEvents } = options;
  const workers = options.pool?.size ?? options.workers;
  // The workers start (and compile) while the first batch is read.
  const starting = options.pool ? Promise.resolve(options.pool) : workers > 0 ? VerifyWorkerPool.start(workers, options.registrySource) : undefined;
  const streams = new Map<string, { readonly index: number; head: StreamHead | undefined }>();
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
    for await (const event of readLogThrough(store)) {
      events++;
      let stream = streams.get(event.streamId);
      if (!stream) {
        stream = { index: streams.size, head: undefined };
        streams.set(event.streamId, stream);
      }
      stream.head = headAfter(stream.head, event);
      const { index } = stream;
      if (local) local.push(index, event);
      else {
        const slot = index % workers;
        buffers[slot].push(toWireEvent(index, event));
        if (buffers[slot].length >= batchEvents) await flush(slot);
      }
      if (events % PROGRESS_EVERY === 0) options.onProgress(events, streams.size);
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
    if (!options.pool) await (pool ?? (await starting?.catch(() => undefined)))?.close();
  }
  return {
    events,
    heads: [...streams.values()].map((s) => s.head as StreamHead),
    broken: verdicts.flatMap((v) => v.broken),
    reread: verdicts.flatMap((v) => v.reread).sort((a, b) => a - b),
  };
}
