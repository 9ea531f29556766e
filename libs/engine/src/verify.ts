import { transition } from 'xstate';
import type { AnyWorkflowDefinition } from './definition';
import { GENESIS_HASH, hashEvent, type EnvelopedEvent, type EventMetadata } from './envelope';
import { DomainError } from './errors';
import { initialState, toMachineEvent, type WorkflowState } from './fold';
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
  const divergences: Divergence[] = [];
  let state: WorkflowState | undefined;
  let definition: AnyWorkflowDefinition | undefined;
  let prevHash = GENESIS_HASH;
  let expectedRevision = 0;
  const report = (revision: number, kind: DivergenceKind, expected: unknown, actual: unknown): void => {
    divergences.push({ streamId, revision, kind, expected: String(expected), actual: String(actual) });
  };

  for (const event of events) {
    // Divergences are reported at the event's position in the stream as read, which is its
    // revision when nothing was removed, reordered or renumbered.
    const revision = expectedRevision;
    if (event.revision !== revision) report(revision, 'revision', revision, event.revision);
    if (event.streamId !== streamId) report(revision, 'stream', streamId, event.streamId);
    expectedRevision = revision + 1;
    if (typeof event.type !== 'string' || typeof event.eventId !== 'string' || typeof event.data !== 'object' || event.data === null) {
      report(revision, 'malformed', 'type, eventId and data', JSON.stringify({ type: event.type, eventId: event.eventId }));
      continue;
    }
    const metadata = asMetadata(event.metadata);
    if (!metadata) {
      report(revision, 'metadata', 'envelope metadata', JSON.stringify(event.metadata)?.slice(0, 200));
      continue;
    }
    if (!definition) {
      try {
        definition = registry.get(metadata.definition, metadata.version);
        state = initialState(definition);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report(revision, 'definition', 'a registered definition', `${metadata.definition}@${metadata.version}`);
        return { streamId, events: revision + 1, divergences };
      }
    } else if (metadata.definition !== definition.name || metadata.version !== definition.version) {
      report(revision, 'definition', `${definition.name}@${definition.version}`, `${metadata.definition}@${metadata.version}`);
    }
    if (metadata.prevHash !== prevHash) report(revision, 'prevHash', prevHash, metadata.prevHash);
    const recomputed = hashEvent({ ...event, metadata });
    if (recomputed !== metadata.hash) report(revision, 'hash', recomputed, metadata.hash);
    prevHash = metadata.hash;

    const current = state as WorkflowState;
    if (metadata.from !== current.state) report(revision, 'from', current.state, metadata.from);
    const machineEvent = toMachineEvent({ type: event.type, data: event.data });
    if (!current.snapshot.can(machineEvent)) report(revision, 'allowed', `an event allowed in ${current.state}`, event.type);
    const [snapshot] = transition(current.definition.machine, current.snapshot, machineEvent);
    const to = stateToString(snapshot.value);
    if (metadata.to !== to) report(revision, 'to', to, metadata.to);
    state = { ...current, snapshot, state: to, context: snapshot.context, revision, lastHash: metadata.hash };
  }
  return { streamId, events: expectedRevision, divergences, finalState: state };
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
