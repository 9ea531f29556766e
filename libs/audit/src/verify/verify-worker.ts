/**
 * Worker-thread entry of the whole-store verify (see worker-pool.ts): builds the registry from
 * the module named in workerData, then verifies each batch of streams it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DefinitionRegistry } from '@apo/engine';
import type { RegistrySource } from '../definitions';
import { verifyBatch, type StreamTask } from './verify-batch';

export interface WorkerRequest {
  readonly id: number;
  readonly tasks: readonly StreamTask[];
}

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly id: number; readonly result: ReturnType<typeof verifyBatch> }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('verify-worker must run in a worker thread');
  const source = (workerData as { registry: RegistrySource }).registry;
  const loaded = (await import(source.module)) as Record<string, () => DefinitionRegistry>;
  const registry = loaded[source.exportName]();
  port.on('message', (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { kind: 'result', id: request.id, result: verifyBatch(registry, request.tasks) };
    } catch (error) {
      reply = { kind: 'failed', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies WorkerReply);
}

void serve();
