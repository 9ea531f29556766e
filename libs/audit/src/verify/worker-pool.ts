import { join } from 'node:path';
import type { RegistrySource } from '../definitions';
import type { LogVerdict } from './log-verifier';
import type { WireEvent, WorkerReply, WorkerRequest } from './wire-event';
import { WorkerRequests } from './worker-requests';

/** The worker file next to this one, in the same form (.ts source or compiled .js). */
const WORKER_ENTRY = join(__dirname, `verify-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

/**
 * Worker threads verifying the log in one pass. Each stream belongs to one worker (its index
 * modulo the pool size), which keeps the stream's replay between batches; the caller bounds the
 * events in flight (see `verifyStore`), so memory grows with the streams, not with the events.
 */
export class VerifyWorkerPool {
  /** Events sent to each worker and not yet answered. */
  private readonly loads: number[];

  private constructor(private readonly workers: WorkerRequests<WorkerRequest, WorkerReply>) {
    this.loads = new Array<number>(workers.size).fill(0);
  }

  static async start(count: number, registry: RegistrySource): Promise<VerifyWorkerPool> {
    return new VerifyWorkerPool(await WorkerRequests.start<WorkerRequest, WorkerReply>(count, WORKER_ENTRY, { registry }));
  }

  get size(): number {
    return this.workers.size;
  }

  /** Events sent to worker `slot` and not yet answered. */
  load(slot: number): number {
    return this.loads[slot];
  }

  /** Sends events (all of streams owned by worker `slot`); resolves with how many it verified. */
  async send(slot: number, events: readonly WireEvent[]): Promise<number> {
    this.loads[slot] += events.length;
    try {
      const reply = await this.workers.request(slot, (id) => ({ kind: 'events', id, text: JSON.stringify(events) }));
      return reply.kind === 'events' ? reply.events : 0;
    } finally {
      this.loads[slot] -= events.length;
    }
  }

  /** The verdict of every worker on the streams it was sent (after all sends have answered). */
  async finish(): Promise<LogVerdict[]> {
    const replies = await Promise.all(Array.from({ length: this.size }, (_, slot) => this.workers.request(slot, (id) => ({ kind: 'finish', id }))));
    return replies.flatMap((r) => (r.kind === 'finished' ? [r.verdict] : []));
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
