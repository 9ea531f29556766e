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
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.result();
}

/**
 * `verifyStream` one event at a time (the same checks, the same divergences in the same order),
 * for callers that receive a stream's events in pieces. `push` answers false once the stream
 * cannot be replayed further (an unknown definition, or an event the machine throws on): later
 * events are then neither checked nor counted, exactly as `verifyStream` stops there.
 */
export class StreamVerifier {
  private readonly divergences: Divergence[] = [];
  private state: WorkflowState | undefined;
  private definition: AnyWorkflowDefinition | undefined;
  private replay: Replay | undefined;
  private prevHash = GENESIS_HASH;
  private expectedRevision = 0;
  private stopped = false;

  constructor(
    private readonly registry: DefinitionRegistry,
    readonly streamId: string,
  ) {}

  /** Events taken so far (the stream's length as `verifyStream` reports it). */
  get events(): number {
    return this.expectedRevision;
  }

  push(event: UntrustedEvent): boolean {
    if (this.stopped) return false;
    const streamId = this.streamId;
    // Divergences are reported at the event's position in the stream as read, which is its
    // revision when nothing was removed, reordered or renumbered.
    const revision = this.expectedRevision;
    if (event.revision !== revision) this.report(revision, 'revision', revision, event.revision);
    if (event.streamId !== streamId) this.report(revision, 'stream', streamId, event.streamId);
    this.expectedRevision = revision + 1;
    if (typeof event.type !== 'string' || typeof event.eventId !== 'string' || typeof event.data !== 'object' || event.data === null) {
      this.report(revision, 'malformed', 'type, eventId and data', JSON.stringify({ type: event.type, eventId: event.eventId }));
      return true;
    }
    const metadata = asMetadata(event.metadata);
    if (!metadata) {
      this.report(revision, 'metadata', 'envelope metadata', JSON.stringify(event.metadata)?.slice(0, 200));
      return true;
    }
    let definition = this.definition;
    if (!definition) {
      try {
        definition = this.registry.get(metadata.definition, metadata.version);
        this.replay = replayOf(definition);
        this.state = this.replay.initial;
        this.definition = definition;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.report(revision, 'definition', 'a registered definition', `${metadata.definition}@${metadata.version}`);
        this.stopped = true;
        return false;
      }
    } else if (metadata.definition !== definition.name || metadata.version !== definition.version) {
      this.report(revision, 'definition', `${definition.name}@${definition.version}`, `${metadata.definition}@${metadata.version}`);
    }
    if (metadata.prevHash !== this.prevHash) this.report(revision, 'prevHash', this.prevHash, metadata.prevHash);
    const recomputed = hashEvent({ streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
    if (recomputed !== metadata.hash) this.report(revision, 'hash', recomputed, metadata.hash);
    this.prevHash = metadata.hash;

    const current = this.state as WorkflowState;
    const replay = this.replay as Replay;
    if (metadata.from !== current.state) this.report(revision, 'from', current.state, metadata.from);
    const machineEvent = toMachineEvent({ type: event.type, data: event.data });
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
      this.report(revision, 'allowed', `an event the machine can replay in ${current.state}`, `${event.type} (${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')})`);
      this.stopped = true;
      return false;
    }
    const to = snapshot === current.snapshot ? current.state : stateToString(snapshot.value);
    if (metadata.to !== to) this.report(revision, 'to', to, metadata.to);
    this.state = { definition: current.definition, snapshot, state: to, context: snapshot.context, revision, lastHash: metadata.hash };
    return true;
  }

  result(): StreamVerification {
    const { streamId, divergences } = this;
    return this.stopped ? { streamId, events: this.expectedRevision, divergences } : { streamId, events: this.expectedRevision, divergences, finalState: this.state };
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
