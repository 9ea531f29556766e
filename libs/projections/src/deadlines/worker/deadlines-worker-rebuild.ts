import type { AnyWorkflowDefinition, DeadlinePolicy, DefinitionRegistry } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { DeadlinesTable } from '../../read-store/tables';
import { deleteRows, upsertRows } from '../../read-store/write-rows';
import { startModuleWorker } from '../../runner/module-worker';
import type { InMemoryRebuild } from '../../runner/projection';
import { isNotice, openByKey, type NoticeData } from '../deadline-rows';
import { noticeOf, noticesAfter, streamRows, type NoticedDeadlines } from '../notice-tracking';
import type { RegistrySource } from './fold-registry';
import { READ_BACK, WATCH, type FoldBatch, type FoldReply, type FoldRequest, type FoldWorkerData, type WireDefinition } from './fold-wire';
import { handedOver, type HandedOverState } from './revive-state';

/** Batches posted and not yet folded before `fold` waits for the worker (bounds the queue's memory). */
const MAX_QUEUED_BATCHES = 16;
const WORKER_ENTRY = join(__dirname, `fold-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

export interface DeadlinesWorkerRebuildOptions {
  /** The entry point's registry: definitions of the events, and the deadline policies (run here). */
  readonly registry: DefinitionRegistry;
  /** Where the worker builds its own registry (only its machines are used). */
  readonly source: RegistrySource;
  /** The stream's events from revision 0 up to `event.revision`, exclusive, checked (a stream not seen from its start). */
  readonly readBack: (event: RecordedEvent) => Promise<RecordedEvent[]>;
  /** The in-thread rebuild, used instead when the worker cannot fold these definitions (or cannot start). */
  readonly inThread: () => InMemoryRebuild;
  /** Told when the worker cannot fold (a definition it lacks, a machine that differs, no thread) and this thread folds instead. */
  readonly onFallback?: (error: Error) => void;
  /** How many folded states to hand over at the end. */
  readonly handoverLimit: number;
  /** The last folded states of the streams not done, once the rebuild is over (arrives asynchronously). */
  readonly finish: (states: Map<string, HandedOverState>) => void;
}

interface Definition {
  readonly index: number;
  readonly definition: AnyWorkflowDefinition;
}

/** One stream as the main thread holds it: everything but the folded XState state, which the worker keeps. */
interface StreamMark {
  definition: Definition;
  revision: number;
  position: bigint;
  /** The stream has had a notice: the worker returns the state after each of its events. */
  watched: boolean;
  noticed: NoticedDeadlines;
  written: readonly string[];
}

interface Watched {
  readonly mark: StreamMark;
  readonly policy: DeadlinePolicy | undefined;
  readonly notice: NoticeData | undefined;
}

/**
 * The deadlines rebuild of `deadlinesRebuild` with the XState fold in a worker thread (the other
 * core): this thread sends each batch's events as columns, keeps per stream what the rows need
 * (revision, position, notices, keys written) and runs the deadline policy at a write, on the
 * states the worker returns for the streams that changed. Notices need the policy after every
 * event of a stream from its first notice on: the worker returns those states too, in order, and
 * this thread replays the same notice logic on them. Rows are identical to the in-thread rebuild.
 */
export function deadlinesWorkerRebuild(options: DeadlinesWorkerRebuildOptions): InMemoryRebuild {
  const all = options.registry.all();
  const definitions = new Map<AnyWorkflowDefinition, Definition>(all.map((definition, index) => [definition, { index, definition }]));
  const wire: WireDefinition[] = all.map((d) => ({ name: d.name, version: d.version, machine: JSON.stringify(d.machine.toJSON()) }));
  const definitionOf = (event: RecordedEvent): Definition => {
    const meta = event.metadata as { definition: string; version: number };
    return definitions.get(options.registry.get(meta.definition, meta.version)) as Definition;
  };

  let worker: Worker;
  try {
    worker = startModuleWorker(WORKER_ENTRY, { registry: options.source, definitions: wire } satisfies FoldWorkerData);
  } catch (error) {
    options.onFallback?.(error as Error);
    return options.inThread();
  }
  worker.unref();
  const link = new WorkerLink(worker);

  const marks = new Map<string, StreamMark>();
  let watched: Watched[] = [];
  /** Batches sent before the worker said it could fold: the in-thread rebuild takes them if it cannot. */
  let unconfirmed: RecordedEvent[][] | undefined = [];
  let inThread: InMemoryRebuild | undefined;
  let disposed = false;

  // Settles once the worker has confirmed it folds these definitions, or the in-thread rebuild
  // has taken over and folded every batch sent so far (not once the runner let the rebuild go).
  const started = link.ready.then(async (ok) => {
    const sent = unconfirmed ?? [];
    unconfirmed = undefined;
    if (ok || disposed) return;
    options.onFallback?.(link.error ?? new Error('the deadlines fold worker did not start'));
    link.close();
    const fallback = options.inThread();
    for (const events of sent) await fallback.fold(events);
    inThread = fallback;
  });
  // A fold that throws (an event it cannot fold) reaches the runner through the next fold or write.
  started.catch(() => undefined);

  const batch = (): FoldBatch => ({ kind: 'fold', streams: [], revisions: [], types: [], data: [], definitions: [], hashes: [], flags: [] });
  const push = (to: FoldBatch, event: RecordedEvent, definition: Definition, flags: number) => {
    to.streams.push(event.streamId);
    to.revisions.push(event.revision);
    to.types.push(event.type);
    to.data.push(event.data);
    to.definitions.push(definition.index);
    to.hashes.push((event.metadata as { hash: string }).hash);
    to.flags.push(flags);
  };

  async function post(events: readonly RecordedEvent[]): Promise<void> {
    const out = batch();
    for (const event of events) {
      let mark = marks.get(event.streamId);
      if (event.revision === 0 || mark === undefined || mark.revision !== event.revision - 1) {
        let definition = definitionOf(event);
        if (event.revision > 0) {
          const earlier = await options.readBack(event);
          definition = definitionOf(earlier[0]);
          for (const e of earlier) push(out, e, definition, READ_BACK);
        }
        if (mark === undefined) marks.set(event.streamId, (mark = { definition, revision: -1, position: 0n, watched: false, noticed: undefined, written: [] }));
        mark.definition = definition;
      }
      mark.revision = event.revision;
      mark.position = event.position;
      const policy = mark.definition.definition.deadlines;
      if (!mark.watched && policy !== undefined && isNotice(policy.kinds, event.type)) mark.watched = true;
      if (mark.watched) watched.push({ mark, policy, notice: noticeOf(policy, event) });
      push(out, event, mark.definition, mark.watched ? WATCH : 0);
    }
    await link.send(out);
  }

  return {
    async fold(events) {
      if (unconfirmed !== undefined && !link.failed) {
        // Not confirmed yet: sent all the same (the worker queues them while it starts), and kept.
        unconfirmed.push(events as RecordedEvent[]);
        return post(events).catch((error: unknown) => {
          if (!link.failedAtStart) throw error;
        });
      }
      await started;
      if (inThread) return inThread.fold(events);
      await post(events);
    },
    async write(trx) {
      await started;
      if (inThread) return inThread.write(trx);
      const flushed = await link.flush();
      if (flushed.watched.length !== watched.length) throw new Error(`deadlines fold worker returned ${flushed.watched.length} states for ${watched.length} noticed events`);
      watched.forEach(({ mark, policy, notice }, i) => {
        if (notice === undefined && mark.noticed === undefined) return;
        const [state, context] = flushed.watched[i];
        mark.noticed = noticesAfter(mark.noticed, openByKey(policy, state, context), notice);
      });
      watched = [];
      const rows: DeadlinesTable[] = [];
      const removed: Pick<DeadlinesTable, 'stream_id' | 'deadline_key'>[] = [];
      flushed.streams.forEach((streamId, i) => {
        const mark = marks.get(streamId) as StreamMark;
        const [state, context] = flushed.states[i];
        const open = openByKey(mark.definition.definition.deadlines, state, context);
        rows.push(...streamRows(streamId, open, mark.noticed, mark.revision, mark.position.toString()));
        for (const key of mark.written) if (!open.has(key)) removed.push({ stream_id: streamId, deadline_key: key });
        mark.written = [...open.keys()];
      });
      await deleteRows(trx, 'deadlines', removed);
      await upsertRows(trx, 'deadlines', ['stream_id', 'deadline_key'], rows);
    },
    finish() {
      if (inThread) return void (inThread.finish?.(), link.close());
      link
        .handover(options.handoverLimit)
        .then((states) => options.finish(new Map(states.map((s) => [s.streamId, handedOver(all[s.definition], s)]))))
        .catch(() => undefined) // only a cache: a live event reads its stream back instead
        .finally(() => link.close());
    },
    dispose: () => {
      disposed = true;
      link.close();
    },
  };
}

type Flushed = Extract<FoldReply, { kind: 'flushed' }>;
type HandedOver = Extract<FoldReply, { kind: 'handover' }>['states'];

/**
 * The worker's replies in order: `ready` (or `failed` at start), one `folded` per batch, one
 * answer per flush or handover. Holds the event loop open only while this thread waits on it.
 */
class WorkerLink {
  readonly ready: Promise<boolean>;
  private failure: Error | undefined;
  private queued = 0;
  private drained: (() => void) | undefined;
  private readonly answers: { resolve: (reply: FoldReply) => void; reject: (error: Error) => void }[] = [];
  private waiting = 0;
  private closed = false;
  private confirmed = false;
  private started: ((ok: boolean) => void) | undefined;

  constructor(private readonly worker: Worker) {
    this.ready = new Promise<boolean>((resolve) => (this.started = resolve));
    worker.on('message', (reply: FoldReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error('the deadlines fold worker exited')));
  }

  async send(batch: FoldBatch): Promise<void> {
    this.check();
    this.worker.postMessage(batch satisfies FoldRequest);
    if (++this.queued <= MAX_QUEUED_BATCHES) return;
    await this.wait(new Promise<void>((resolve) => (this.drained = resolve)));
    this.check();
  }

  flush(): Promise<Flushed> {
    return this.ask({ kind: 'flush' }) as Promise<Flushed>;
  }

  async handover(limit: number): Promise<HandedOver> {
    return ((await this.ask({ kind: 'handover', limit })) as Extract<FoldReply, { kind: 'handover' }>).states;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** It failed before it confirmed it could fold (a definition it lacks, a start-up error). */
  get failedAtStart(): boolean {
    return this.failure !== undefined && !this.confirmed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.started?.(false);
    this.drained?.();
    for (const answer of this.answers.splice(0)) answer.reject(this.failure ?? new Error('the deadlines fold worker was closed'));
    void this.worker.terminate();
  }

  private ask(request: FoldRequest): Promise<FoldReply> {
    this.check();
    const answer = new Promise<FoldReply>((resolve, reject) => this.answers.push({ resolve, reject }));
    this.worker.postMessage(request);
    return this.wait(answer);
  }

  /** Keeps the process alive while this thread waits on the worker (it is unref'd otherwise). */
  private async wait<T>(promise: Promise<T>): Promise<T> {
    if (this.waiting++ === 0) this.worker.ref();
    try {
      return await promise;
    } finally {
      if (--this.waiting === 0) this.worker.unref();
    }
  }

  private receive(reply: FoldReply): void {
    if (reply.kind === 'ready') {
      this.confirmed = true;
      return this.started?.(true);
    }
    if (reply.kind === 'failed') return this.fail(new Error(`deadlines fold worker: ${reply.error}`));
    if (reply.kind === 'folded') {
      if (--this.queued <= MAX_QUEUED_BATCHES) this.drained?.();
      return;
    }
    this.answers.shift()?.resolve(reply);
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.close();
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('the deadlines fold worker was closed');
  }
}
