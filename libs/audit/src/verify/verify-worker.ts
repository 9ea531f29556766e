/**
 * Worker-thread entry of the whole-store verify (see worker-pool.ts): builds the registry from
 * the module named in workerData, then verifies the streams it is sent, events arriving in log
 * order as JSON text, each stream's replay kept between batches until `finish`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry, type RegistrySource } from '../definitions';
import { LogVerifier, type LogVerdict } from './log-verifier';

/** One event on the wire: [stream index, streamId, revision, eventId, type, data, metadata]. */
export type WireEvent = [number, string, number, string, string, unknown, unknown];

export type WorkerRequest =
  /** `text`: a JSON array of WireEvent. */
  | { readonly kind: 'events'; readonly id: number; readonly text: string }
  | { readonly kind: 'finish'; readonly id: number };

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'events'; readonly id: number; readonly events: number }
  | { readonly kind: 'finished'; readonly id: number; readonly verdict: LogVerdict }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('verify-worker must run in a worker thread');
  const registry = await loadRegistry((workerData as { registry: RegistrySource }).registry);
  let verifier = new LogVerifier(registry);
  port.on('message', (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      if (request.kind === 'events') {
        const events = JSON.parse(request.text) as WireEvent[];
        for (const [index, streamId, revision, eventId, type, data, metadata] of events) verifier.push({ index, streamId, revision, eventId, type, data, metadata });
        reply = { kind: 'events', id: request.id, events: events.length };
      } else {
        reply = { kind: 'finished', id: request.id, verdict: verifier.finish() };
        verifier = new LogVerifier(registry);
      }
    } catch (error) {
      reply = { kind: 'failed', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerReply);
}

void serve();
