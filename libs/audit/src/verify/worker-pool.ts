import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { RegistrySource } from '../definitions';
import type { BatchResult, StreamTask } from './verify-batch';
import { startModuleWorker } from './worker-bootstrap';
import type { WorkerReply } from './verify-worker';

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; events: number }>;
  load: number;
}

/** The worker file next to this one, in the same form (.ts source or compiled .js). */
const WORKER_ENTRY = join(__dirname, `verify-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

/**
 * Worker threads verifying batches of whole streams. A batch goes to the worker with the least
 * work in flight; the caller bounds how much is in flight (see `verifyStore`), so memory stays flat.
 */
export class VerifyWorkerPool {
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly slots: Slot[]) {}

  static async start(count: number, registry: RegistrySource): Promise<VerifyWorkerPool> {
    const slots: Slot[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const worker = startModuleWorker(WORKER_ENTRY, { registry });
      const slot: Slot = { worker, pending: new Map(), load: 0 };
      slots.push(slot);
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (m: WorkerReply) => (m.kind === 'ready' ? resolve() : reject(new Error(`verify worker: unexpected first message ${m.kind}`))));
        }),
      );
    }
    const pool = new VerifyWorkerPool(slots);
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      throw error;
    }
    for (const slot of slots) pool.listen(slot);
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Events sent and not yet answered, all workers together. */
  get inFlight(): number {
    return this.slots.reduce((sum, s) => sum + s.load, 0);
  }

  verify(tasks: StreamTask[]): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((best, s) => (s.load < best.load ? s : best));
    const id = this.nextId++;
    const events = tasks.reduce((sum, t) => sum + t.events.length, 0);
    slot.load += events;
    return new Promise<BatchResult>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject, events });
      slot.worker.postMessage({ id, tasks });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private listen(slot: Slot): void {
    slot.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') return;
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      slot.load -= pending.events;
      if (reply.kind === 'result') pending.resolve(reply.result);
      else pending.reject(new Error(`verify worker failed: ${reply.error}`));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`verify worker exited (code ${code}) with batches in flight`));
    });
  }
}
