/**
 * Worker-thread entry of the whole-store verify (see worker-pool.ts): builds the registry from
 * the module named in workerData, then verifies the streams it is sent, events arriving in log
 * order as JSON text, each stream's replay kept between batches until `finish`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UnreadableEvent } from '@apo/event-store';
import { loadRegistry, type RegistrySource } from '../definitions';
import { LogVerifier } from './log-verifier';
import type { WireEvent, WorkerReply, WorkerRequest } from './wire-event';

function push(verifier: LogVerifier, wire: WireEvent): void {
  if (wire.length === 6) {
    const [index, streamId, revision, position, part, reason] = wire;
    verifier.push(index, new UnreadableEvent(streamId, revision, BigInt(position), part, reason));
  } else {
    const [index, streamId, revision, position, eventId, type, data, metadata] = wire;
    verifier.push(index, { streamId, revision, position, eventId, type, data: data as never, metadata: metadata as never });
  }
}

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
        for (const event of events) push(verifier, event);
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
