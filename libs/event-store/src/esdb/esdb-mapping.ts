import {
  ANY,
  eventTypeFilter,
  jsonEvent,
  NO_STREAM,
  STREAM_EXISTS,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type JSONEventData,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError } from '@apo/engine';
import type { AllFilter, EventToAppend, ExpectedRevision, JsonObject, RecordedEvent } from '../port';
import { storedObjectProblem, UnreadableEvent } from '../unreadable-event';

/**
 * Pure translation between the port's types and @eventstore/db-client's. Kept apart from the
 * adapter so every rule is unit-tested without a server.
 */

export const toEventData = (event: EventToAppend): JSONEventData =>
  jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: event.metadata });

export const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
};

/**
 * The port's single bigint is the commit position. For events appended through gRPC a server
 * reports commit = prepare, so one number identifies the event exactly.
 */
export const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });
export const fromPosition = (position: Position): bigint => position.commit;

/** A server sends 2^64 - 1 where it has no position (servers before 22.6 on stream reads). */
const NO_POSITION = 0xffff_ffff_ffff_ffffn;

/** Streams and event types starting with `$` belong to the server (stats, metadata, links, projections). */
export const isSystemEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): boolean => {
  const event = resolved.event;
  return !event || resolved.link !== undefined || event.streamId.startsWith('$') || event.type.startsWith('$');
};

const describe = (value: unknown): string =>
  value instanceof Uint8Array || typeof value === 'string'
    ? 'does not parse as JSON'
    : `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A stored event as the port describes it. Throws for an event this store cannot have written
 * (binary data or metadata, no position): silently reshaping it would hand the engine wrong facts.
 */
export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent => {
  const event = resolved.event;
  if (!event) throw new Error('EventStoreDB returned a link without its event');
  const where = `event ${event.id} (${event.streamId}@${event.revision})`;
  const data: unknown = event.data;
  const metadata: unknown = event.metadata ?? {};
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined || position === NO_POSITION) {
    throw new Error(`EventStoreDB reported no position for ${where}; stream reads carry positions from server version 22.10 on`);
  }
  // The client hands back the raw bytes or text where they do not parse: a damaged or foreign event.
  const revision = Number(event.revision);
  if (!event.isJson)
    throw new UnreadableEvent(event.streamId, revision, position, 'data', 'not written as JSON; this store reads only events it wrote', event.type);
  if (!isJsonObject(data)) throw new UnreadableEvent(event.streamId, revision, position, 'data', describe(data), event.type);
  const deepData = storedObjectProblem(data);
  if (deepData !== undefined) throw new UnreadableEvent(event.streamId, revision, position, 'data', deepData, event.type);
  if (!isJsonObject(metadata)) throw new UnreadableEvent(event.streamId, revision, position, 'metadata', describe(metadata), event.type);
  const deepMetadata = storedObjectProblem(metadata);
  if (deepMetadata !== undefined) throw new UnreadableEvent(event.streamId, revision, position, 'metadata', deepMetadata, event.type);
  return {
    streamId: event.streamId,
    revision,
    position,
    eventId: event.id,
    type: event.type,
    data,
    metadata,
    createdAt: event.created.toISOString(),
  };
};

/** Servers before 21.10 sent a refused expectation as error metadata, with these numbers. */
const LEGACY_EXPECTED: Record<string, string> = { '-1': 'no_stream', '-2': 'any', '-4': 'stream_exists' };

/** The port's revision wording: a number as a string, or `no_stream` / `stream_exists` / `any`. */
const revisionText = (revision: bigint | string): string => {
  if (typeof revision !== 'bigint') return revision;
  return LEGACY_EXPECTED[revision.toString()] ?? revision.toString();
};

export const toConcurrencyError = (error: WrongExpectedVersionError, streamId: string): ConcurrencyError =>
  new ConcurrencyError(error.streamName || streamId, revisionText(error.expectedVersion), revisionText(error.actualVersion));

/** The engine's error for a refused expectation; anything else passes through untouched. */
export const mapAppendError = (error: unknown, streamId: string): unknown =>
  error instanceof WrongExpectedVersionError ? toConcurrencyError(error, streamId) : error;

/**
 * The server-side part of a port filter. EventStoreDB filters on the stream name *or* the event
 * type, by prefix: stream prefixes win when both are given; event types are sent as prefixes and
 * matched exactly on the client ({@link matchesFilter}). `checkpointInterval: 1` asks for a
 * checkpoint every server search window (32 events examined).
 */
export const toServerFilter = (filter: AllFilter | undefined, checkpointReached: (position: Position) => void): Filter | undefined => {
  const onCheckpoint = (_: unknown, position: Position) => checkpointReached(position);
  if (filter?.streamPrefixes) return streamNameFilter({ prefixes: [...filter.streamPrefixes], checkpointInterval: 1, checkpointReached: onCheckpoint });
  if (filter?.eventTypes) return eventTypeFilter({ prefixes: [...filter.eventTypes], checkpointInterval: 1, checkpointReached: onCheckpoint });
  return undefined;
};

/** The whole port filter, applied on the client (both lists, exact event types). */
export const matchesFilter = (filter: AllFilter | undefined, event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean =>
  (!filter?.streamPrefixes || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
  (!filter?.eventTypes || filter.eventTypes.includes(event.type));
