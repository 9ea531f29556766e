import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { AnyWorkflowDefinition, MachineEvent } from './definition';
import { GENESIS_HASH, hashEvent, type EnvelopedEvent, type EventMetadata } from './envelope';
import { DomainError } from './errors';
import { initialState, toMachineEvent, type WorkflowState } from './fold';
import { machineStep, movedMeansAllowed } from './machine-step';
import type { DefinitionRegistry } from './registry';
import { stateToString } from './state-value';

/** A stored event as read back, not yet trusted. */
export interface UntrustedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export type DivergenceKind = 'malformed' | 'revision' | 'stream' | 'metadata' | 'definition' | 'prevHash' | 'hash' | 'from' | 'allowed' | 'to';

/** One way a stored event differs from what its definition and the hash chain say it must be. */
export interface Divergence {
  readonly streamId: string;
  readonly revision: number;
  readonly kind: DivergenceKind;
  readonly expected: string;
  readonly actual: string;
}

export interface StreamVerification {
  readonly streamId: string;
  readonly events: number;
  readonly divergences: readonly Divergence[];
  /** The state replay ends in (undefined when the stream's definition is unknown). */
  readonly finalState?: WorkflowState;
}

/**
 * Replays a stream through the definition version it was written with and checks every event:
 * revisions gapless from 0, metadata well-formed, one definition version, the hash chain, the
 * recorded `from`/`to` against the recomputed states, and that the machine allowed the event.
 */
export function verifyStream(registry: DefinitionRegistry, streamId: string, events: Iterable<UntrustedEvent>): StreamVerification {
  const verifier = new StreamVerifier(registry, streamId);
  for (const event of events) verifier.push(event);
  return verifier.result();
}

/** What the replay expects of an event that could not be read at all (see `pushUnreadable`). */
export const READABLE_EVENT = 'data and metadata that parse as JSON objects';

/**
 * `verifyStream` one event at a time (the same checks, the same divergences in the same order),
 * for callers that receive a stream's events in pieces.
 *
 * Once an event cannot be replayed (it could not be read, is not an event, has no envelope, names
 * an unregistered definition, or makes the machine throw), the state the stream is in is unknown:
 * from there on `from`, `allowed` and `to` are no longer checked and there is no final state. Every
 * later event is still checked on its own and as a link of the hash chain (revision, stream,
 * shape, envelope, definition, `prevHash`, `hash`), except that the `prevHash` of the event right
 * after one whose hash is unknown (unreadable, not an event, no envelope) cannot be checked.
 */
export class StreamVerifier {
  private readonly divergences: Divergence[] = [];
  private state: WorkflowState | undefined;
  /** The stream's definition version, from its first event with an envelope. */
  private first: { readonly definition: string; readonly version: number } | undefined;
  private replay: Replay | undefined;
  /** The hash the next event must point at; undefined when the previous event's hash is unknown. */
  private prevHash: string | undefined = GENESIS_HASH;
  private expectedRevision = 0;
  /** False once an event could not be replayed: the state is unknown from there on. */
  private replaying = true;

  constructor(
    private readonly registry: DefinitionRegistry,
    readonly streamId: string,
  ) {}

  /** Events taken so far (the stream's length as `verifyStream` reports it). */
  get events(): number {
    return this.expectedRevision;
  }

  push(event: UntrustedEvent): void {
    const revision = this.take(event);
    if (typeof event.type !== 'string' || typeof event.eventId !== 'string' || typeof event.data !== 'object' || event.data === null) {
      this.report(revision, 'malformed', 'type, eventId and data', JSON.stringify({ type: event.type, eventId: event.eventId }));
      this.lose(undefined);
      return;
    }
    const metadata = asMetadata(event.metadata);
    if (!metadata) {
      this.report(revision, 'metadata', 'envelope metadata', JSON.stringify(event.metadata)?.slice(0, 200));
      this.lose(undefined);
      return;
    }
    this.checkDefinition(revision, metadata);
    if (this.prevHash !== undefined && metadata.prevHash !== this.prevHash) this.report(revision, 'prevHash', this.prevHash, metadata.prevHash);
    const recomputed = hashEvent({ streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
    if (recomputed !== metadata.hash) this.report(revision, 'hash', recomputed, metadata.hash);
    this.prevHash = metadata.hash;
    if (this.replaying) this.apply(revision, event, metadata);
  }

  /**
   * An event the store could not read (its data or metadata does not parse as a JSON object):
   * `malformed` at its place, with `actual` saying why; its revision and stream are still checked.
   * Its hash is unknown, so the replay stops and the next event's `prevHash` is not checked.
   */
  pushUnreadable(event: { readonly streamId: string; readonly revision: number }, actual: string): void {
    const revision = this.take(event);
    this.report(revision, 'malformed', READABLE_EVENT, actual);
    this.lose(undefined);
  }

  result(): StreamVerification {
    const { streamId, divergences } = this;
    return this.replaying && this.state
      ? { streamId, events: this.expectedRevision, divergences, finalState: this.state }
      : { streamId, events: this.expectedRevision, divergences };
  }

  /** Checks the event's place (revision, stream) and takes it: answers the place. */
  private take(event: { readonly streamId: string; readonly revision: number }): number {
    // Divergences are reported at the event's position in the stream as read, which is its
    // revision when nothing was removed, reordered or renumbered.
    const revision = this.expectedRevision;
    if (event.revision !== revision) this.report(revision, 'revision', revision, event.revision);
    if (event.streamId !== this.streamId) this.report(revision, 'stream', this.streamId, event.streamId);
    this.expectedRevision = revision + 1;
    return revision;
  }

  /** The replay stops; `hash` is what the next event must point at (undefined: unknown). */
  private lose(hash: string | undefined): void {
    this.replaying = false;
    this.prevHash = hash;
  }

  /** The first envelope fixes the definition version (and the replay, if registered); the others must name it too. */
  private checkDefinition(revision: number, metadata: EventMetadata): void {
    const first = this.first;
    if (first) {
      if (metadata.definition !== first.definition || metadata.version !== first.version) {
        this.report(revision, 'definition', `${first.definition}@${first.version}`, `${metadata.definition}@${metadata.version}`);
      }
      return;
    }
    this.first = { definition: metadata.definition, version: metadata.version };
    try {
      this.replay = replayOf(this.registry.get(metadata.definition, metadata.version));
      this.state = this.replay.initial;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.report(revision, 'definition', 'a registered definition', `${metadata.definition}@${metadata.version}`);
      this.replaying = false;
    }
  }

  /** Replays one event from the current state: from, allowed (or the machine throwing) and to. */
  private apply(revision: number, event: UntrustedEvent, metadata: EventMetadata): void {
    const current = this.state as WorkflowState;
    const replay = this.replay as Replay;
    if (metadata.from !== current.state) this.report(revision, 'from', current.state, metadata.from);
    const machineEvent = toMachineEvent({ type: event.type, data: event.data as object });
    let snapshot: WorkflowState['snapshot'];
    try {
      snapshot = replay.transition(current.snapshot, machineEvent);
      // One transition decides: when it moved the machine, `can` would have said yes (see Replay);
      // only when it did nothing is `can` asked (a refused event, or an allowed no-op). XState's own
      // events (`xstate.stop`, ...) change a snapshot without a transition: `can` always decides them.
      const moved = snapshot !== current.snapshot && replay.movedMeansAllowed && !machineEvent.type.startsWith('xstate.');
      if (!moved && !current.snapshot.can(machineEvent)) {
        this.report(revision, 'allowed', `an event allowed in ${current.state}`, event.type);
      }
    } catch (error) {
      // A guard or action threw on this event (data an edit left without a field it reads, say):
      // the machine cannot replay it, so nothing after it can be checked against a state.
      this.report(
        revision,
        'allowed',
        `an event the machine can replay in ${current.state}`,
        `${event.type} (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')})`,
      );
      this.lose(metadata.hash);
      return;
    }
    const to = snapshot === current.snapshot ? current.state : stateToString(snapshot.value);
    if (metadata.to !== to) this.report(revision, 'to', to, metadata.to);
    this.state = { definition: current.definition, snapshot, state: to, context: snapshot.context, revision, lastHash: metadata.hash };
  }

  private report(revision: number, kind: DivergenceKind, expected: unknown, actual: unknown): void {
    this.divergences.push({ streamId: this.streamId, revision, kind, expected: String(expected), actual: String(actual) });
  }
}

/**
 * How a definition's machine is replayed, built once per definition. XState's `transition`
 * builds a throwaway actor scope (a whole actor, initial state included) on every call; the
 * workflow machines are pure (no invoked or spawned actors, actions are never executed here), so
 * one inert scope serves every replay: the snapshots are the same, at a fraction of the cost.
 */
interface Replay {
  readonly initial: WorkflowState;
  readonly transition: (snapshot: AnyMachineSnapshot, event: MachineEvent) => AnyMachineSnapshot;
  /**
   * True when no transition of the machine is eventless (`always`) or forbidden (no target and no
   * actions): then a transition that changed the snapshot was one `can` accepts, and `can` need
   * only be asked when the snapshot came back unchanged.
   */
  readonly movedMeansAllowed: boolean;
}

const replays = new WeakMap<AnyWorkflowDefinition, Replay>();

function replayOf(definition: AnyWorkflowDefinition): Replay {
  let replay = replays.get(definition);
  if (replay) return replay;
  const machine = definition.machine as AnyStateMachine;
  replay = {
    // The initial state is the same for every stream: computed once (snapshots are immutable).
    initial: initialState(definition),
    transition: machineStep(machine),
    movedMeansAllowed: movedMeansAllowed(machine),
  };
  replays.set(definition, replay);
  return replay;
}

/** The metadata if it has the envelope's shape, else undefined. */
function asMetadata(value: unknown): EventMetadata | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const strings = ['definition', 'from', 'to', 'commandId', 'correlationId', 'causationId', 'recordedAt', 'effectiveDate', 'prevHash', 'hash'];
  if (!strings.every((key) => typeof m[key] === 'string')) return undefined;
  if (typeof m.version !== 'number') return undefined;
  const actor = m.actor as Record<string, unknown> | undefined;
  if (typeof actor !== 'object' || actor === null || typeof actor.id !== 'string' || typeof actor.role !== 'string') return undefined;
  return value as EventMetadata;
}

/** Typed view of an untrusted event once verification found nothing wrong with it. */
export const asEnveloped = (event: UntrustedEvent): EnvelopedEvent => event as EnvelopedEvent;
