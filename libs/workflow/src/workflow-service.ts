import { randomUUID } from 'node:crypto';
import {
  allowedEvents,
  ConcurrencyError,
  decideNext,
  fold,
  Forbidden,
  IdempotencyKeyReused,
  IllegalTransition,
  NotFound,
  requestHashOf,
  seal,
  stateAfter,
  ValidationError,
  type StreamIntegrityError,
  type Actor,
  type AnyWorkflowDefinition,
  type Clock,
  type Command,
  type DecidedEvent,
  type DecisionWithSnapshot,
  type DomainError,
  type DefinitionRegistry,
  type EnvelopedEvent,
  type PersonalDataFields,
  type WorkflowState,
} from '@apo/engine';
import type { EventStore, JsonObject, RecordedEvent } from '@apo/event-store';
import { SnapshotCache } from './snapshot-cache';
import type { SnapshotStore } from './snapshot-store';
import { StreamCache, type CachedStream } from './stream-cache';
import { StreamLoader } from './stream-loader';

const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface WorkflowServiceOptions {
  readonly maxRetries?: number;
  /** Folded streams kept in memory (least recently used are dropped). */
  readonly cacheSize?: number;
  /**
   * Snapshot cache for cold loads: a stream whose fold passes a multiple of `snapshotEvery`
   * events gets its state written here, and a load without a memory-cache hit starts from the
   * latest snapshot that still matches the log, folding only the events after it.
   */
  readonly snapshots?: SnapshotStore;
  /** Default 100. */
  readonly snapshotEvery?: number;
  /** A snapshot that could not be read or written (the command itself is unaffected). */
  readonly onSnapshotError?: (error: unknown, streamId: string) => void;
  /**
   * A stream found breaking its hash chain (once per stream): from then on its commands and reads
   * are refused with that `StreamIntegrityError`. `definition` names its workflow (for metrics).
   */
  readonly onIntegrityFailure?: (error: StreamIntegrityError, definition: string) => void;
  /**
   * Seals the personal fields the definition names (`personalData`) in decided events, before
   * they are hashed and stored (`PersonalData.sealEvents` of `@apo/personal-data`). Without it,
   * a definition's personal fields are stored as decided.
   */
  readonly personalData?: PersonalFieldSealer;
}

/** What the command path asks of the personal-data edge (docs/privacy.md). */
export interface PersonalFieldSealer {
  sealEvents<E extends DecidedEvent>(policy: PersonalDataFields | undefined, streamId: string, events: readonly E[]): Promise<readonly E[]>;
}

export interface ExecuteRequest {
  readonly definition: string;
  readonly instanceId: string;
  readonly command: Command;
  readonly actor: Actor;
  /**
   * Idempotency: a retried command with the same id and the same request (type and data) appends
   * nothing and returns the first result; the same id with another request is refused
   * (IdempotencyKeyReused). Scope it to the caller (the HTTP edge prefixes the principal); the
   * stream scopes it to the instance.
   */
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The stream revision the caller saw (`If-Match`); stale -> ConcurrencyError, no retry. */
  readonly expectedRevision?: number;
}

export interface ExecuteAllRequest {
  readonly definition: string;
  readonly instanceId: string;
  /** In order; each with the id that makes it idempotent across runs. */
  readonly commands: readonly { readonly command: Command; readonly commandId: string }[];
  readonly actor: Actor;
  readonly correlationId?: string;
  /** Decide every command, append nothing. */
  readonly dryRun?: boolean;
}

export type ExecuteAllResult =
  | { readonly ok: true; readonly view: InstanceView; readonly appended: number; readonly skipped: number; readonly position: bigint | undefined }
  | { readonly ok: false; readonly index: number; readonly error: DomainError };

export interface InstanceView {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly state: string;
  readonly allowedEvents: string[];
  readonly details: JsonObject;
}

export interface CommandResult extends InstanceView {
  /** False when the command id was already in the stream and nothing was appended. */
  readonly appended: boolean;
  /** The events this call appended (none for a retried command). */
  readonly events: readonly EnvelopedEvent[];
  /**
   * Global log position of the command's last event (for a retried command, of the first run's):
   * read models that have reached it reflect the command (read-your-writes).
   */
  readonly position: bigint;
}

/**
 * The command pipeline: authorise -> load (cache + tail, every stored event checked against the
 * hash chain: `StreamLoader`) -> decide -> append with the expected revision -> on a conflict,
 * reload and decide again (bounded). A stream whose chain is broken is refused
 * (`StreamIntegrityError`): nothing is appended on top of it, and its state is not served.
 */
export class WorkflowService {
  private readonly loader: StreamLoader;
  private readonly tails = new Map<string, Promise<void>>();
  private readonly snapshots: SnapshotCache | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
    private readonly clock: Clock,
    private readonly options: WorkflowServiceOptions = {},
  ) {
    this.snapshots = options.snapshots && new SnapshotCache(options.snapshots, registry, options.snapshotEvery, options.onSnapshotError);
    this.loader = new StreamLoader(store, registry, new StreamCache(options.cacheSize), this.snapshots, options.onIntegrityFailure ?? (() => undefined));
  }

  /**
   * Refuses a stream found broken elsewhere (the start-up check of the log's newest events): its
   * memory-cached state is dropped and every later command or read of it answers the break (the
   * first one found for it). Answers that break.
   */
  refuse(error: StreamIntegrityError): StreamIntegrityError {
    return this.loader.refuse(error);
  }

  /**
   * Until `done` settles, a load without a memory-cache hit folds (and checks) the stream from its
   * first event instead of starting at a snapshot: while the start-up check of the log's newest
   * events runs, an edit older than a snapshot is still found by the command's own load, so no
   * command lands on a stream the check is about to refuse.
   */
  checkFromGenesisUntil(done: Promise<unknown>): void {
    this.loader.checkFromGenesisUntil(done);
  }

  /** The streams refused so far, each with the first break found in it (health, operators). */
  brokenStreams(): StreamIntegrityError[] {
    return this.loader.brokenStreams();
  }

  async execute(request: ExecuteRequest): Promise<CommandResult> {
    const definition = this.registry.latest(request.definition);
    const streamId = streamIdOf(definition, request.instanceId);
    return this.serialised(streamId, () => this.executeOn(streamId, definition, request));
  }

  /**
   * Commands on one stream run one after another within this process, so they never conflict
   * with each other; the retry loop is left for writers in other processes.
   */
  private serialised<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return run;
  }

  /**
   * One command: wait for the store's admission (the SQLite store paces writers to its group
   * commit), authorise, then load -> idempotency -> decide -> append, again on a conflict. A doubt
   * on a state taken from the memory cache unchecked (a refusal, a stale If-Match, a conflict) is
   * settled by trying again on a checked load, without spending an attempt.
   */
  private async executeOn(streamId: string, definition: AnyWorkflowDefinition, request: ExecuteRequest): Promise<CommandResult> {
    const wait = this.store.admit?.();
    if (wait) await wait;
    authorise(definition, request);
    const run = startRun(request, this.options.maxRetries ?? 5);
    // A retry (a caller's command id) always reads the tail: its first run may be just what the cache has not seen.
    let trustCache = request.commandId === undefined;
    for (let attempt = 1; ; ) {
      const { loaded, unchecked } = await this.load(streamId, definition, trustCache);
      trustCache = false;
      // The stream decides on the version it was written with: its own roles (the check above used the latest's).
      if (loaded.state.definition !== definition) authorise(loaded.state.definition, request);
      const outcome = await this.tryOn(streamId, loaded, request, run);
      if ('result' in outcome) return outcome.result;
      if (unchecked) continue;
      if (outcome.conflict && attempt++ < run.attempts) continue;
      throw outcome.error;
    }
  }

  /**
   * Load: without a caller's command id, the first try trusts the memory cache without reading
   * the stream's tail (if another writer moved the stream, the append's expected revision fails).
   */
  private async load(streamId: string, definition: AnyWorkflowDefinition, trustCache: boolean): Promise<{ loaded: CachedStream; unchecked: boolean }> {
    const cached = trustCache ? this.loader.cached(streamId) : undefined;
    return cached ? { loaded: cached, unchecked: true } : { loaded: await this.loadStream(streamId, definition), unchecked: false };
  }

  /** Idempotency -> decide -> append on one loaded state: the answer, or why not (a conflict may be tried again). */
  private async tryOn(streamId: string, loaded: CachedStream, request: ExecuteRequest, run: Run): Promise<Outcome> {
    const { state } = loaded;
    const firstRevision = this.alreadyRun(loaded, request, run);
    if (firstRevision !== undefined) return { result: await this.replayed(request.instanceId, streamId, state, firstRevision, run.requestHash) };
    const decided = await this.decideOn(streamId, state, request, run);
    if ('error' in decided) return { error: decided.error, conflict: false };
    return this.append(streamId, loaded, request, run, decided);
  }

  /** Idempotency: the revision of this command's first event when the stream holds it already. */
  private alreadyRun(loaded: CachedStream, request: ExecuteRequest, run: Run): number | undefined {
    // A command id this call made up (randomUUID) cannot be in the stream before its first append.
    if (request.commandId === undefined && !run.appendTried) return undefined;
    return loaded.commands.get(run.commandId);
  }

  /** Decide: the sealed events of the command on this state, or the refusal (a stale If-Match, a domain error). */
  private async decideOn(streamId: string, state: WorkflowState, request: ExecuteRequest, run: Run): Promise<Decided | { error: Error }> {
    if (request.expectedRevision !== undefined && request.expectedRevision !== state.revision) {
      return { error: new ConcurrencyError(streamId, String(request.expectedRevision), String(state.revision)) };
    }
    const now = this.clock.now();
    const { decision, snapshot } = decideNext(state.definition, state, request.command, now);
    if (!decision.ok) {
      // A command other than the one that creates an instance, on an instance that does not exist.
      if (state.revision < 0 && decision.error instanceof IllegalTransition) return { error: new NotFound(state.definition.name, request.instanceId) };
      return { error: decision.error };
    }
    const decided = await this.sealPersonal(state.definition, streamId, decision.events);
    // Sealed events fold to another context than the decision's clear ones: fold what is stored.
    const reached = decided === decision.events ? snapshot : undefined;
    return { events: sealDecided(streamId, state, request, decided, { commandId: run.commandId, now, requestHash: run.requestHash }), snapshot: reached };
  }

  /**
   * The decided events with their personal fields sealed (the same array when there are none).
   * Without a sealer, an event with personal fields is refused, never stored in clear.
   */
  private sealPersonal(
    definition: AnyWorkflowDefinition,
    streamId: string,
    events: readonly DecidedEvent[],
  ): Promise<readonly DecidedEvent[]> | readonly DecidedEvent[] {
    const policy = definition.personalData;
    if (policy === undefined) return events;
    const sealer = this.options.personalData;
    if (sealer === undefined) {
      const personal = events.find((e) => Object.hasOwn(policy, e.type));
      if (personal !== undefined) throw new Error(`${personal.type} holds personal data and this workflow service has no personal-data sealer: not stored`);
      return events;
    }
    return sealer.sealEvents(policy, streamId, events);
  }

  /** Append with the expected revision; the answer from the state the decision's own steps reached (no second fold). */
  private async append(streamId: string, loaded: CachedStream, request: ExecuteRequest, run: Run, { events, snapshot }: Decided): Promise<Outcome> {
    const { state } = loaded;
    run.appendTried = true;
    let position: bigint;
    try {
      ({ position } = await this.store.appendToStream(streamId, events as never, state.revision === -1 ? 'no_stream' : state.revision));
    } catch (error) {
      if (error instanceof ConcurrencyError) return { error, conflict: true };
      throw error;
    }
    const next = this.loader.remember(streamId, loaded, events, snapshot && stateAfter(state, snapshot, events));
    return { result: this.answer(this.view(request.instanceId, streamId, next.state), true, events, position) };
  }

  /**
   * A retried command: the answer it got the first time, from the state right after its events;
   * IdempotencyKeyReused when the first run was another request. (An event stored before request
   * hashes were recorded has none: its retry is taken as the same request, as it always was.)
   */
  private async replayed(id: string, streamId: string, state: WorkflowState, revision: number, requestHash: string | undefined): Promise<CommandResult> {
    let then = state;
    let first: RecordedEvent;
    if (revision !== state.revision) {
      const events = await this.loader.readChecked(streamId, { maxCount: revision + 1 });
      first = events[revision];
      if (isOtherRequest(first, requestHash)) throw new IdempotencyKeyReused(first.metadata.commandId as string, revision);
      then = fold(this.registry.get(events[0].metadata.definition as string, events[0].metadata.version as number), events as unknown as EnvelopedEvent[]);
    } else {
      first = (await this.loader.readChecked(streamId, { fromRevision: revision, maxCount: 1 }))[0];
      if (isOtherRequest(first, requestHash)) throw new IdempotencyKeyReused(first.metadata.commandId as string, revision);
    }
    return this.answer(this.view(id, streamId, then), false, [], first.position);
  }

  /**
   * Several commands on one instance, all or nothing (historical entry): each is decided on the
   * state the ones before it reach, and their events are appended in one append, so a refused
   * command leaves the stream as it was. A command whose id the stream already holds is skipped
   * (a re-run), and must be the same request (else IdempotencyKeyReused). `dryRun`: decided, not
   * appended. The first refusal answers `{ ok: false, index, error }`.
   */
  async executeAll(request: ExecuteAllRequest): Promise<ExecuteAllResult> {
    const definition = this.registry.latest(request.definition);
    const streamId = streamIdOf(definition, request.instanceId);
    return this.serialised(streamId, async () => {
      const loaded = await this.loadStream(streamId, definition);
      let state = loaded.state;
      const appended: EnvelopedEvent[] = [];
      let skipped = 0;
      const now = this.clock.now();
      for (const [index, { command, commandId }] of request.commands.entries()) {
        const spec = Object.hasOwn(state.definition.commands, command.type) ? state.definition.commands[command.type] : undefined;
        if (spec && !spec.roles.includes(request.actor.role)) return { ok: false, index, error: new Forbidden(request.actor.role, command.type, spec.roles) };
        const requestHash = requestHashOf(command);
        const stored = loaded.commands.get(commandId);
        if (stored !== undefined) {
          const [first] = await this.loader.readChecked(streamId, { fromRevision: stored, maxCount: 1 });
          if (isOtherRequest(first, requestHash)) return { ok: false, index, error: new IdempotencyKeyReused(commandId, stored) };
          skipped++;
          continue;
        }
        const { decision, snapshot } = decideNext(state.definition, state, command, now);
        if (!decision.ok) return { ok: false, index, error: decision.error };
        const decided = await this.sealPersonal(state.definition, streamId, decision.events);
        const events = sealDecided(streamId, state, { ...request, command }, decided, { commandId, now, requestHash });
        state = snapshot && decided === decision.events ? stateAfter(state, snapshot, events) : fold(state.definition, events, state);
        appended.push(...events);
      }
      let position: bigint | undefined;
      if (!request.dryRun && appended.length > 0) {
        ({ position } = await this.store.appendToStream(streamId, appended as never, loaded.state.revision === -1 ? 'no_stream' : loaded.state.revision));
        this.loader.remember(streamId, loaded, appended, state);
      }
      return { ok: true, view: this.view(request.instanceId, streamId, state), appended: appended.length, skipped, position };
    });
  }

  /** The current state of one instance; NotFound when it has no events. */
  async get(definitionName: string, instanceId: string): Promise<InstanceView> {
    return (await this.inspect(definitionName, instanceId)).view;
  }

  /**
   * `get`, with the folded state behind the view (its definition version and context), for a
   * reader that asks the stream's own definition more (e.g. `isOverdueOn`).
   */
  async inspect(definitionName: string, instanceId: string): Promise<{ view: InstanceView; state: WorkflowState }> {
    const definition = this.registry.latest(definitionName);
    const streamId = streamIdOf(definition, instanceId);
    const { state } = await this.loadStream(streamId, definition);
    if (state.revision < 0) throw new NotFound(definition.name, instanceId);
    return { view: this.view(instanceId, streamId, state), state };
  }

  /**
   * Folds a stream from the memory cache plus its tail; on a miss, from the latest snapshot that
   * matches the log plus its tail; otherwise from the start, with the definition version the
   * stream was written with. Throws `StreamIntegrityError` for a stream whose chain is broken.
   */
  loadStream(streamId: string, latest: AnyWorkflowDefinition): Promise<CachedStream> {
    return this.loader.load(streamId, latest);
  }

  /** Resolves when the snapshots queued so far are written (tests; before closing the stores). */
  async snapshotsWritten(): Promise<void> {
    await this.snapshots?.written();
  }

  /**
   * `{ ...view, appended, events, position }` written out: on Node 20 a spread followed by more
   * properties measured microseconds, the literal a fraction of one (docs/performance.md).
   */
  private answer(view: InstanceView, appended: boolean, events: readonly EnvelopedEvent[], position: bigint): CommandResult {
    const { id, streamId, revision, state, allowedEvents, details } = view;
    return { id, streamId, revision, state, allowedEvents, details, appended, events, position };
  }

  private view(id: string, streamId: string, state: WorkflowState): InstanceView {
    const details = (state.definition.describe?.(state.state, state.context) ?? {}) as JsonObject;
    return { id, streamId, revision: state.revision, state: state.state, allowedEvents: allowedEvents(state), details };
  }
}

/** One call of `execute`: the command id its events carry, the request's hash, the tries it may take. */
interface Run {
  readonly commandId: string;
  readonly requestHash: string | undefined;
  readonly attempts: number;
  /** Set once an append was tried: from then on the made-up command id may be in the stream. */
  appendTried: boolean;
}

const startRun = (request: ExecuteRequest, maxRetries: number): Run => ({
  commandId: request.commandId ?? randomUUID(),
  requestHash: request.commandId === undefined ? undefined : requestHashOf(request.command),
  attempts: request.expectedRevision === undefined ? maxRetries : 1,
  appendTried: false,
});

/** A command's events, sealed, and the machine snapshot they reach. */
interface Decided {
  readonly events: EnvelopedEvent[];
  readonly snapshot: DecisionWithSnapshot['snapshot'];
}

/** One try's end: the answer, or the error (`conflict`: the append's expected revision failed). */
type Outcome = { readonly result: CommandResult } | { readonly error: Error; readonly conflict: boolean };

/** The decided events of one command as stored envelopes: its business date, ids and actor. */
function sealDecided(
  streamId: string,
  state: WorkflowState,
  request: Pick<ExecuteRequest, 'command' | 'actor' | 'correlationId' | 'causationId'>,
  events: readonly DecidedEvent[],
  run: { commandId: string; now: Date; requestHash: string | undefined },
): EnvelopedEvent[] {
  const dateField = state.definition.effectiveDateFields?.[request.command.type];
  const stated = dateField ? request.command.data[dateField] : undefined;
  return seal({
    definition: state.definition,
    streamId,
    firstRevision: state.revision + 1,
    prevHash: state.lastHash,
    events,
    command: {
      actor: request.actor,
      commandId: run.commandId,
      correlationId: request.correlationId,
      causationId: request.causationId,
      recordedAt: run.now.toISOString(),
      effectiveDate: typeof stated === 'string' ? stated : run.now.toISOString().slice(0, 10),
      requestHash: run.requestHash,
    },
  });
}

/** Forbidden when the definition's command does not allow the actor's role (an unknown command is decide's to refuse). */
function authorise(definition: AnyWorkflowDefinition, request: ExecuteRequest): void {
  const spec = Object.hasOwn(definition.commands, request.command.type) ? definition.commands[request.command.type] : undefined;
  if (spec && !spec.roles.includes(request.actor.role)) throw new Forbidden(request.actor.role, request.command.type, spec.roles);
}

const isOtherRequest = (stored: RecordedEvent, requestHash: string | undefined): boolean =>
  typeof stored.metadata.requestHash === 'string' && stored.metadata.requestHash !== requestHash;

export function streamIdOf(definition: AnyWorkflowDefinition, instanceId: string): string {
  if (typeof instanceId !== 'string' || !INSTANCE_ID.test(instanceId)) {
    throw new ValidationError([{ field: 'id', message: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit' }]);
  }
  return `${definition.streamPrefix}-${instanceId}`;
}
