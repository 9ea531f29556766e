import { hash } from 'node:crypto';
import { canonicalJson, canonicalJsonWithout, canonicalMember, quote } from './canonical-json';
import type { AnyWorkflowDefinition, DecidedEvent, JsonObject } from './definition';
import { uuidV5In } from './event-id';

/** Who issued a command: a principal and the role it acted in. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/** Metadata on every stored event. `hash` chains the stream (see `hashEvent`). */
export interface EventMetadata {
  readonly definition: string;
  readonly version: number;
  readonly from: string;
  readonly to: string;
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** When the engine accepted it (Clock port), ISO 8601 instant. */
  readonly recordedAt: string;
  /** The business date the assessor states (YYYY-MM-DD). */
  readonly effectiveDate: string;
  /**
   * sha256 of the canonical JSON of the command (type and data) when the caller chose the command
   * id (an Idempotency-Key): a retry must be the same request (`requestHashOf`).
   */
  readonly requestHash?: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** An event as stored: the engine's view of a stored record (structurally a RecordedEvent). */
export interface EnvelopedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export const GENESIS_HASH = '0'.repeat(64);
const EVENT_ID_NAMESPACE = '3f1c3c9e-7a43-4c55-9a35-0d0a6a2f5b7e';
const eventIdOf = uuidV5In(EVENT_ID_NAMESPACE);

/**
 * sha256 over the canonical JSON (RFC 8785) of everything that identifies the event: stream,
 * revision, id, type, data and metadata (which holds `prevHash`) without `hash` itself. Any edit,
 * move or deletion therefore breaks the chain at the first affected event.
 */
export function hashEvent(event: { streamId: string; revision: number; eventId: string; type: string; data: unknown; metadata: object }): string {
  return hashWithMetadata(event, undefined);
}

/** `hashEvent`, given the canonical JSON of the metadata without `hash` when the caller has it. */
function hashWithMetadata(
  event: { streamId: string; revision: number; eventId: string; type: string; data: unknown; metadata: object },
  metadataJson: string | undefined,
): string {
  const { streamId, revision, eventId, type, data } = event;
  if (
    typeof streamId !== 'string' ||
    typeof eventId !== 'string' ||
    typeof type !== 'string' ||
    !Number.isFinite(revision) ||
    typeof data !== 'object' ||
    data === null ||
    typeof event.metadata !== 'object' ||
    event.metadata === null
  ) {
    const { hash: _ignored, ...metadata } = event.metadata as { hash?: unknown };
    return sha256(canonicalJson({ streamId, revision, eventId, type, data, metadata }));
  }
  // The same canonical JSON, written in its key order (data, eventId, metadata, revision,
  // streamId, type) without building the object or copying the metadata.
  const body =
    `{"data":${canonicalMember(data)},"eventId":${quote(eventId)},"metadata":${metadataJson ?? envelopeMetadataJson(event.metadata) ?? canonicalJsonWithout(event.metadata, 'hash')}` +
    `,"revision":${String(revision)},"streamId":${quote(streamId)},"type":${quote(type)}}`;
  return sha256(body);
}

type SealedMetadata = Omit<EventMetadata, 'hash'>;

/**
 * The canonical JSON of the metadata `seal` builds (a plain object with exactly these keys),
 * written in its sorted key order, when every value is a string and the version a finite number;
 * otherwise undefined, and the general writer answers.
 */
function sealedMetadataJson(m: SealedMetadata): string | undefined {
  const { actor } = m;
  if (
    typeof m.version !== 'number' ||
    !Number.isFinite(m.version) ||
    typeof actor.id !== 'string' ||
    typeof actor.role !== 'string' ||
    typeof m.causationId !== 'string' ||
    typeof m.commandId !== 'string' ||
    typeof m.correlationId !== 'string' ||
    typeof m.definition !== 'string' ||
    typeof m.effectiveDate !== 'string' ||
    typeof m.from !== 'string' ||
    typeof m.prevHash !== 'string' ||
    typeof m.recordedAt !== 'string' ||
    typeof m.to !== 'string' ||
    (m.requestHash !== undefined && typeof m.requestHash !== 'string')
  ) {
    return undefined;
  }
  const q = quote;
  return (
    `{"actor":{"id":${q(actor.id)},"role":${q(actor.role)}},"causationId":${q(m.causationId)},"commandId":${q(m.commandId)}` +
    `,"correlationId":${q(m.correlationId)},"definition":${q(m.definition)},"effectiveDate":${q(m.effectiveDate)},"from":${q(m.from)}` +
    `,"prevHash":${q(m.prevHash)},"recordedAt":${q(m.recordedAt)}${m.requestHash === undefined ? '' : `,"requestHash":${q(m.requestHash)}`}` +
    `,"to":${q(m.to)},"version":${String(m.version)}}`
  );
}

/**
 * `sealedMetadataJson` for metadata read back from a store (checking the chain of a stored event):
 * only when it is a plain object with exactly the envelope's twelve keys (hash included; thirteen
 * with a requestHash) and a
 * plain actor of exactly `id` and `role`, so the fixed key order is its canonical order. Anything
 * else (an edited, extended or foreign envelope) goes to the general writer. A third of the cost
 * of hashing a stored event otherwise goes on sorting its keys.
 */
function envelopeMetadataJson(metadata: object): string | undefined {
  const m = metadata as Record<string, unknown> & { actor?: unknown };
  const keys = Object.hasOwn(m, 'requestHash') ? 13 : 12;
  if (Object.getPrototypeOf(m) !== Object.prototype || !Object.hasOwn(m, 'hash') || Object.keys(m).length !== keys) return undefined;
  const actor = m.actor;
  if (typeof actor !== 'object' || actor === null || Object.getPrototypeOf(actor) !== Object.prototype || Object.keys(actor).length !== 2) return undefined;
  return sealedMetadataJson(m as unknown as SealedMetadata);
}

const sha256 = (text: string): string => hash('sha256', text, 'hex');

/** Everything about a command that goes into its events' metadata. */
export interface CommandEnvelope {
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly recordedAt: string;
  readonly effectiveDate: string;
  /** See `EventMetadata.requestHash`; left out of the metadata when undefined. */
  readonly requestHash?: string;
}

/** The fingerprint of a command for idempotency: sha256 of the canonical JSON of its type and data. */
export const requestHashOf = (command: { type: string; data: unknown }): string => sha256(canonicalJson({ type: command.type, data: command.data }));

/**
 * Turns decided events into stored-event envelopes chained to `prevHash`. Event ids derive from
 * the stream, command id, position in the command and the rest of the envelope that can differ
 * between two seals of one command id (recorded time, correlation, causation, request hash):
 * a store drops an append whose ids it already holds where the expected revision would put them
 * (EventStoreDB does, and so does the embedded store), so ids shared by two seals must mean the
 * same events. Another request under the same key, or a retry sealed at another moment by
 * another API process, gets other ids, so its append fails on the expected revision instead of
 * being reported as stored. An event's own `effectiveDate` (set by decide) wins over the command's.
 */
export function seal(input: {
  definition: AnyWorkflowDefinition;
  streamId: string;
  firstRevision: number;
  prevHash: string;
  events: readonly DecidedEvent[];
  command: CommandEnvelope;
}): EnvelopedEvent[] {
  const { definition, streamId, command } = input;
  const idPrefix = `${streamId}\u0000${command.commandId}\u0000${command.recordedAt}\u0000${command.correlationId ?? ''}\u0000${command.causationId ?? ''}\u0000${command.requestHash ?? ''}\u0000`;
  let prevHash = input.prevHash;
  return input.events.map((event, index) => {
    const revision = input.firstRevision + index;
    const eventId = eventIdOf(`${idPrefix}${index}`);
    const partial: SealedMetadata = {
      definition: definition.name,
      version: definition.version,
      from: event.from,
      to: event.to,
      actor: { id: command.actor.id, role: command.actor.role },
      commandId: command.commandId,
      correlationId: command.correlationId ?? command.commandId,
      causationId: command.causationId ?? command.commandId,
      recordedAt: command.recordedAt,
      effectiveDate: event.effectiveDate ?? command.effectiveDate,
      prevHash,
    };
    // Set after the literal, not spread into it (slow on Node 20); the hash's JSON is canonical (sorted) either way.
    if (command.requestHash !== undefined) (partial as { requestHash?: string }).requestHash = command.requestHash;
    const hash = hashWithMetadata({ streamId, revision, eventId, type: event.type, data: event.data, metadata: partial }, sealedMetadataJson(partial));
    prevHash = hash;
    // { ...partial, hash } written out (a spread followed by more properties is slow on Node 20).
    const { definition: name, version, from, to, actor, commandId, correlationId, causationId, recordedAt, effectiveDate } = partial;
    const metadata: EventMetadata =
      command.requestHash === undefined
        ? { definition: name, version, from, to, actor, commandId, correlationId, causationId, recordedAt, effectiveDate, prevHash: partial.prevHash, hash }
        : {
            definition: name,
            version,
            from,
            to,
            actor,
            commandId,
            correlationId,
            causationId,
            recordedAt,
            effectiveDate,
            requestHash: command.requestHash,
            prevHash: partial.prevHash,
            hash,
          };
    return { streamId, revision, eventId, type: event.type, data: event.data, metadata };
  });
}
