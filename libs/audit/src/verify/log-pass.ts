import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { RegistrySource } from '../definitions';
import type { StreamHead } from '../heads';
import { LogVerifier, type LogVerdict } from './log-verifier';
import type { PassProgress, StorePass } from './store-pass';
import type { WireEvent } from './verify-worker';
import { VerifyWorkerPool } from './worker-pool';

const hashOf = (metadata: unknown): string => {
  const hash = (metadata as { hash?: unknown } | null)?.hash;
  return typeof hash === 'string' ? hash : '';
};

const PROGRESS_EVERY = 10_000;

/**
 * One pass over the log (`readAll`, the log as it was when the pass started) in this thread:
 * each event goes to the verifier that owns its stream (a worker thread, by the stream's place in
 * the log modulo `workers`; or this thread when `workers` is 0), which keeps the stream's replay
 * from one event to the next (`LogVerifier`). The pass also keeps the stream heads. Events in
 * flight are bounded (about two batches of `batchEvents` per worker): memory grows with the
 * number of streams (one replay state each), not of events.
 */
export async function logPass(
  store: EventStore,
  options: { readonly registry: DefinitionRegistry; readonly registrySource: RegistrySource; readonly workers: number; readonly batchEvents: number; readonly onProgress: PassProgress },
): Promise<StorePass> {
  const { workers, batchEvents } = options;
  // The workers start (and compile) while the first batch is read.
  const starting = workers > 0 ? VerifyWorkerPool.start(workers, options.registrySource) : undefined;
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
    await (pool ?? (await starting?.catch(() => undefined)))?.close();
  }
  return {
    events,
    heads: [...streams.values()].map((s) => s.head),
    broken: verdicts.flatMap((v) => v.broken),
    reread: verdicts.flatMap((v) => v.reread).sort((a, b) => a - b),
  };
}
