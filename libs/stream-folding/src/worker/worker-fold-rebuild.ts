import type { AnyWorkflowDefinition, DefinitionRegistry } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { ReadDatabase, InMemoryRebuild } from '@apo/read-store';
import { startModuleWorker } from './module-worker';
import type { RegistrySource } from './fold-registry';
import { READ_BACK, WATCH, type FoldBatch, type FoldReply, type FoldRequest, type FoldWorkerData, type WireDefinition, type WireState } from './fold-wire';
import { handedOver, type HandedOverState } from './revive-state';

/** Batches posted and not yet folded before `fold` waits for the worker (bounds the queue's memory). */
const MAX_QUEUED_BATCHES = 16;
const WORKER_ENTRY = join(__dirname, `fold-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

/** A stream that changed since the previous write: its folded state (from the worker) and what this thread keeps of it. */
export interface FoldedStream<Mark> {
  readonly streamId: string;
  readonly definition: AnyWorkflowDefinition;
  readonly revision: number;
  readonly position: bigint;
  readonly state: string;
  readonly context: unknown;
  readonly mark: Mark;
}

/** What a projection adds to the worker's fold: what it keeps per stream, and its rows. */
export interface WorkerFoldHooks<Mark> {
  /** What this thread keeps of a stream, from its first event on. */
  readonly mark: () => Mark;
  /**
   * Each event of a stream in log order, read-back ones too (a stream not seen from its start,
   * `readBack`): true asks the worker for the state right after it, handed to `write` in order.
   */
  readonly event: (mark: Mark, event: RecordedEvent, definition: AnyWorkflowDefinition, readBack: boolean) => boolean;
  /** Writes the rows of the streams changed since the previous write, with the states `event` asked for. */
  readonly write: (trx: Kysely<ReadDatabase>, changed: readonly FoldedStream<Mark>[], watched: readonly WireState[]) => Promise<void>;
}

/** A follower's share of the leader's flushes: the states of the streams it wants, by stream. */
export interface FollowerTap {
  readonly wants: (streamId: string) => boolean;
  readonly pending: Map<string, WireState>;
}

/** A running worker fold that other rebuilds may follow instead of folding the same streams again (`followWorkerFold`). */
export interface FoldLeader {
  /** Whether a rebuild starting now may follow: the leader has posted nothing yet and its worker has not failed. */
  readonly joinable: boolean;
  /** True once the worker confirmed it folds; false when the leader folds on its own thread instead. */
  readonly confirmed: Promise<boolean>;
  /** Hands `tap` the states of its streams at every flush from now on; returns how to stop. */
  follow(tap: FollowerTap): () => void;
  /** Asks the worker for the states changed since the last flush, and hands them out. */
  flush(): Promise<void>;
}

export interface WorkerFoldRebuildOptions<Mark> extends WorkerFoldHooks<Mark> {
  /** Names the rebuild in errors: `deadlines`, `coe-overview`. */
  readonly name: string;
  /** The entry point's registry: definitions of the events (their policies and descriptions run here). */
  readonly registry: DefinitionRegistry;
  /** The definitions whose streams this rebuild folds (the worker needs only those); default every one. */
  readonly folds?: (definition: AnyWorkflowDefinition) => boolean;
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
  /** Where other rebuilds find this one to follow while it runs (`SharedStreamFold.leader`). */
  readonly leads?: { leader: FoldLeader | undefined };
}

interface Definition {
  readonly index: number;
  readonly definition: AnyWorkflowDefinition;
}

/** One stream as the main thread holds it: everything but the folded XState state, which the worker keeps. */
interface StreamMark<Mark> {
  definition: Definition;
  revision: number;
  position: bigint;
  readonly mark: Mark;
}

/**
 * A from-zero rebuild of a projection that folds whole streams through their machines, with the
 * XState fold in a worker thread (the other core): this thread sends each batch's events as
 * columns, keeps per stream what the hooks keep (`mark`), and at a write asks the worker for the
 * states of the streams that changed and hands them to the hooks' `write`. A hook may ask for the
 * state after particular events too (the deadlines' notices need the policy after each event of
 * a noticed stream). The rows must be those of the projection's in-thread rebuild, which takes
 * over when the worker cannot fold these definitions.
 */
export function workerFoldRebuild<Mark>(options: WorkerFoldRebuildOptions<Mark>): InMemoryRebuild {
  const all = options.registry.all().filter(options.folds ?? (() => true));
  const definitions = new Map<AnyWorkflowDefinition, Definition>(all.map((definition, index) => [definition, { index, definition }]));
  const wire: WireDefinition[] = all.map((d) => ({ name: d.name, version: d.version, machine: JSON.stringify(d.machine.toJSON()) }));
  const definitionOf = (event: RecordedEvent): Definition => {
    const meta = event.metadata as { definition: string; version: number };
    const found = definitions.get(options.registry.get(meta.definition, meta.version));
    if (!found) throw new Error(`${options.name} fold worker: ${meta.definition} v${meta.version} is not a definition it folds`);
    return found;
  };

  let worker: Worker;
  try {
    worker = startModuleWorker(WORKER_ENTRY, { registry: options.source, definitions: wire } satisfies FoldWorkerData);
  } catch (error) {
    options.onFallback?.(error as Error);
    return options.inThread();
  }
  worker.unref();
  const link = new WorkerLink(worker, options.name);

  const marks = new Map<string, StreamMark<Mark>>();
  /** Batches sent before the worker said it could fold: the in-thread rebuild takes them if it cannot. */
  let unconfirmed: RecordedEvent[][] | undefined = [];
  let inThread: InMemoryRebuild | undefined;
  let disposed = false;
  let posted = false;

  // The states each flush brings, for this rebuild's next write and for each follower's.
  const taps = new Set<FollowerTap>();
  let pending = new Map<string, WireState>();
  let watched: WireState[] = [];
  const leader: FoldLeader = {
    get joinable() {
      return !posted && !disposed && !link.failed;
    },
    confirmed: link.ready,
    follow(tap) {
      taps.add(tap);
      return () => void taps.delete(tap);
    },
    async flush() {
      const flushed = await link.flush();
      flushed.streams.forEach((streamId, i) => {
        pending.set(streamId, flushed.states[i]);
        for (const tap of taps) if (tap.wants(streamId)) tap.pending.set(streamId, flushed.states[i]);
      });
      watched.push(...flushed.watched);
    },
  };
  const { leads } = options;
  if (leads) leads.leader = leader;
  const resign = () => {
    if (leads?.leader === leader) leads.leader = undefined;
  };

  // Settles once the worker has confirmed it folds these definitions, or the in-thread rebuild
  // has taken over and folded every batch sent so far (not once the runner let the rebuild go).
  const started = link.ready.then(async (ok) => {
    const sent = unconfirmed ?? [];
    unconfirmed = undefined;
    if (ok || disposed) return;
    resign();
    options.onFallback?.(link.error ?? new Error(`the ${options.name} fold worker did not start`));
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
    posted = true;
    const out = batch();
    for (const event of events) {
      let held = marks.get(event.streamId);
      if (event.revision === 0 || held === undefined || held.revision !== event.revision - 1) {
        const earlier = event.revision > 0 ? await options.readBack(event) : [];
        const definition = definitionOf(earlier[0] ?? event);
        if (held === undefined) marks.set(event.streamId, (held = { definition, revision: -1, position: 0n, mark: options.mark() }));
        held.definition = definition;
        for (const e of earlier) {
          options.event(held.mark, e, definition.definition, true);
          push(out, e, definition, READ_BACK);
        }
      }
      held.revision = event.revision;
      held.position = event.position;
      const watch = options.event(held.mark, event, held.definition.definition, false);
      push(out, event, held.definition, watch ? WATCH : 0);
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
      await leader.flush();
      const changed = [...pending].map(([streamId, [state, context]]): FoldedStream<Mark> => {
        const held = marks.get(streamId) as StreamMark<Mark>;
        return { streamId, definition: held.definition.definition, revision: held.revision, position: held.position, state, context, mark: held.mark };
      });
      const states = watched;
      pending = new Map();
      watched = [];
      await options.write(trx, changed, states);
    },
    finish() {
      resign();
      if (inThread) return void (inThread.finish?.(), link.close());
      link
        .handover(options.handoverLimit)
        .then((states) => options.finish(new Map(states.map((s) => [s.streamId, handedOver(all[s.definition], s)]))))
        .catch(() => undefined) // only a cache: a live event reads its stream back instead
        .finally(() => link.close());
    },
    dispose: () => {
      resign();
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

  constructor(
    private readonly worker: Worker,
    private readonly name: string,
  ) {
    this.ready = new Promise<boolean>((resolve) => (this.started = resolve));
    worker.on('message', (reply: FoldReply) => this.receive(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => this.fail(new Error(`the ${this.name} fold worker exited`)));
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
    for (const answer of this.answers.splice(0)) answer.reject(this.failure ?? new Error(`the ${this.name} fold worker was closed`));
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
    if (reply.kind === 'failed') return this.fail(new Error(`${this.name} fold worker: ${reply.error}`));
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
    if (this.closed) throw new Error(`the ${this.name} fold worker was closed`);
  }
}
