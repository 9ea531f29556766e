import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from './worker-bootstrap';

/** What every worker of this library answers: `ready` once, then one reply per request id. */
export type WorkerAnswer =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string }
  | { readonly kind: string; readonly id: number };

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (reply: never) => void; reject: (e: Error) => void }>;
}

/**
 * Worker threads running one module, each answering requests by id: a `failed` reply rejects its
 * request; a worker that errs or exits with requests pending rejects them, and every later request.
 */
export class WorkerRequests<Request extends { readonly id: number }, Reply extends WorkerAnswer> {
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly slots: Slot[]) {}

  /** Starts `count` workers on `entry` and waits until each has said it is ready. */
  static async start<Request extends { readonly id: number }, Reply extends WorkerAnswer>(
    count: number,
    entry: string,
    workerData: unknown,
  ): Promise<WorkerRequests<Request, Reply>> {
    const slots: Slot[] = [];
    const ready: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const worker = startModuleWorker(entry, workerData);
      slots.push({ worker, pending: new Map() });
      ready.push(
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (m: WorkerAnswer) =>
            m.kind === 'ready' ? resolve() : reject(new Error(`verify worker ${entry}: unexpected first message ${m.kind}`)),
          );
        }),
      );
    }
    const workers = new WorkerRequests<Request, Reply>(slots);
    try {
      await Promise.all(ready);
    } catch (error) {
      await workers.close();
      throw error;
    }
    for (const slot of slots) workers.listen(slot);
    return workers;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Sends worker `slot` the request `message` builds with a fresh id; resolves with its reply. */
  request(slot: number, message: (id: number) => Request): Promise<Exclude<Reply, { kind: 'ready' | 'failed' }>> {
    if (this.failure) return Promise.reject(this.failure);
    const s = this.slots[slot];
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      s.pending.set(id, { resolve, reject });
      s.worker.postMessage(message(id));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private listen(slot: Slot): void {
    slot.worker.on('message', (reply: WorkerAnswer) => {
      if (reply.kind === 'ready') return;
      const { id } = reply as { id: number };
      const pending = slot.pending.get(id);
      if (!pending) return;
      slot.pending.delete(id);
      if (reply.kind === 'failed') pending.reject(new Error(`verify worker failed: ${(reply as { error: string }).error}`));
      else pending.resolve(reply as never);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`verify worker exited (code ${code}) with requests in flight`));
    });
  }
}
