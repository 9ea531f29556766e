import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { RegistrySource } from '../definitions';
import type { LogVerdict } from './log-verifier';
import { startModuleWorker } from './worker-bootstrap';
import type { WireEvent, WorkerReply, WorkerRequest } from './verify-worker';

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>;
  /** Events sent and not yet answered. */
  load: number;
}

/** The worker file next to this one, in the same form (.ts source or compiled .js). */
const WORKER_ENTRY = join(__dirname, `verify-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

/**
 * Worker threads verifying the log in one pass. Each stream belongs to one worker (its index
 * modulo the pool size), which keeps the stream's replay between batches; the caller bounds the
 * events in flight (see `verifyStore`), so memory grows with the streams, not with the events.
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

  /** Events sent to worker `slot` and not yet answered. */
  load(slot: number): number {
    return this.slots[slot].load;
  }

  /** Sends events (all of streams owned by worker `slot`); resolves with how many it verified. */
  async send(slot: number, events: readonly WireEvent[]): Promise<number> {
    const s = this.slots[slot];
    s.load += events.length;
    try {
      const reply = await this.request(s, (id) => ({ kind: 'events', id, text: JSON.stringify(events) }));
      return reply.kind === 'events' ? reply.events : 0;
    } finally {
      s.load -= events.length;
    }
  }

  /** The verdict of every worker on the streams it was sent (after all sends have answered). */
  async finish(): Promise<LogVerdict[]> {
    const replies = await Promise.all(this.slots.map((s) => this.request(s, (id) => ({ kind: 'finish', id }))));
    return replies.flatMap((r) => (r.kind === 'finished' ? [r.verdict] : []));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private request(slot: Slot, message: (id: number) => WorkerRequest): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(message(id));
    });
  }

  private listen(slot: Slot): void {
    slot.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') return;
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      slot.pending.delete(reply.id);
      if (reply.kind === 'failed') pending.reject(new Error(`verify worker failed: ${reply.error}`));
      else pending.resolve(reply);
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
