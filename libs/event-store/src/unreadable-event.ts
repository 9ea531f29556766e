import { MAX_JSON_DEPTH, nestedTooDeep } from './json-depth';

/**
 * A stored event whose data or metadata no longer parses as a JSON object (or nests deeper than
 * the store ever writes, `MAX_JSON_DEPTH`) (edited bytes in the
 * file, or another writer on EventStoreDB). Every reader of the port throws this instead of a
 * bare SyntaxError, naming where the log is damaged, so a caller can report the event (verify:
 * a `malformed` divergence; the command path: STREAM_INTEGRITY; projections: a failed event)
 * and, for the global log, read on after `position`.
 */
export class UnreadableEvent extends Error {
  readonly code = 'EVENT_UNREADABLE';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly position: bigint,
    readonly part: 'data' | 'metadata',
    readonly reason: string,
    /** The stored event type, when the store could read it (projections tell by it whether the event was theirs). */
    readonly type?: string,
  ) {
    super(`stored event ${streamId}@${revision} (log position ${position}): ${part} is not a JSON object (${reason})`);
    this.name = 'UnreadableEvent';
  }
}

/** Why a parsed stored value is not a JSON object as the store writes them (undefined: it is one); `text` is what it was parsed from. */
export function storedObjectProblem(value: unknown, text?: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`;
  return nestedTooDeep(value, text) ? `nested more than ${MAX_JSON_DEPTH} deep, which the store never writes` : undefined;
}

/** `JSON.parse` of a stored event's data or metadata that must be a JSON object; else `UnreadableEvent`. */
export function parseStoredObject(
  text: string,
  part: 'data' | 'metadata',
  where: { streamId: string; revision: number; position: bigint | number; type?: string },
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableEvent(where.streamId, where.revision, BigInt(where.position), part, (error as Error).message, where.type);
  }
  const problem = storedObjectProblem(value, text);
  if (problem !== undefined) throw new UnreadableEvent(where.streamId, where.revision, BigInt(where.position), part, problem, where.type);
  return value as Record<string, unknown>;
}
