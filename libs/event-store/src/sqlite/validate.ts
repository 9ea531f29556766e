import { ValidationError, type FieldError } from '@apo/engine';
import { MAX_JSON_DEPTH } from '../json-depth';
import type { AllFilter, EventToAppend, ExpectedRevision, ReadAllOptions, ReadStreamOptions } from '../port';

/**
 * Input checks shared by the store's entry points. Everything is checked before anything is
 * queued, so a bad event never reaches a batch (and never fails its neighbours).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Deep enough for any real document, shallow enough to stop a cycle quickly; deeper stored values read as unreadable. */
const MAX_DEPTH = MAX_JSON_DEPTH;

const fail = (fields: FieldError[]): never => {
  throw new ValidationError(fields);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Fast check on the append path: no strings are built unless something is wrong. */
const isJson = (value: unknown, depth: number): boolean => {
  if (depth > MAX_DEPTH) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isJson(value[i], depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      for (const key in value) if (!isJson(value[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
};

/** Why `value` is not plain JSON (so that it would not round-trip exactly), or undefined. */
const jsonProblem = (value: unknown, path: string, depth: number): FieldError | undefined => {
  if (depth > MAX_DEPTH) return { field: path, message: 'is nested too deeply (or is cyclic)' };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { field: path, message: 'must be a finite number' };
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1);
          if (problem) return problem;
        }
        return undefined;
      }
      if (!isPlainObject(value)) return { field: path, message: 'must be a plain JSON object (no Date, Map, class instance)' };
      for (const key of Object.keys(value)) {
        const problem = jsonProblem(value[key], `${path}.${key}`, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return { field: path, message: `must be JSON (got ${typeof value})` };
  }
};

export const validateStreamId = (streamId: unknown, field = 'streamId'): string => {
  if (typeof streamId !== 'string' || streamId.length === 0) fail([{ field, message: 'must be a non-empty string' }]);
  // `$` streams are system streams in EventStoreDB; refusing them keeps both adapters alike.
  if ((streamId as string).startsWith('$')) fail([{ field, message: 'must not start with $ (reserved)' }]);
  return streamId as string;
};

export const validateExpected = (expected: unknown): ExpectedRevision => {
  if (expected === 'no_stream' || expected === 'stream_exists' || expected === 'any') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  return fail([{ field: 'expected', message: "must be 'no_stream', 'stream_exists', 'any' or a revision >= 0" }]);
};

/** Checks one append's events; returns the event ids in lower case (the stored form). */
export const validateEvents = (events: unknown): string[] => {
  if (!Array.isArray(events) || events.length === 0) fail([{ field: 'events', message: 'must be a non-empty array' }]);
  const errors: FieldError[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  (events as EventToAppend[]).forEach((event, i) => {
    const at = `events[${i}]`;
    if (!isPlainObject(event)) {
      errors.push({ field: at, message: 'must be an object' });
      return;
    }
    const id = typeof event.eventId === 'string' && UUID.test(event.eventId) ? event.eventId.toLowerCase() : undefined;
    if (id === undefined) errors.push({ field: `${at}.eventId`, message: 'must be a UUID' });
    else if (seen.has(id)) errors.push({ field: `${at}.eventId`, message: 'appears twice in this append' });
    else seen.add(id);
    ids.push(id ?? '');
    if (typeof event.type !== 'string' || event.type.length === 0) errors.push({ field: `${at}.type`, message: 'must be a non-empty string' });
    for (const part of ['data', 'metadata'] as const) {
      const value: unknown = event[part];
      const problem = !isPlainObject(value)
        ? { field: `${at}.${part}`, message: 'must be a JSON object' }
        : isJson(value, 0)
          ? undefined
          : (jsonProblem(value, `${at}.${part}`, 0) ?? { field: `${at}.${part}`, message: 'must be plain JSON' });
      if (problem) errors.push(problem);
    }
  });
  if (errors.length > 0) fail(errors);
  return ids;
};

const countOrUndefined = (value: unknown, field: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return fail([{ field, message: 'must be an integer >= 0' }]);
};

export const validateReadStream = (options: ReadStreamOptions = {}) => ({
  backwards: validateDirection(options.direction) === 'backwards',
  fromRevision: countOrUndefined(options.fromRevision, 'fromRevision'),
  maxCount: countOrUndefined(options.maxCount, 'maxCount'),
});

const validateDirection = (direction: unknown) => {
  if (direction === undefined || direction === 'forwards' || direction === 'backwards') return direction ?? 'forwards';
  return fail([{ field: 'direction', message: "must be 'forwards' or 'backwards'" }]);
};

export const validatePosition = (position: unknown, field: string): bigint | undefined => {
  if (position === undefined) return undefined;
  if (typeof position === 'bigint' && position >= 0n) return position;
  return fail([{ field, message: 'must be a bigint >= 0' }]);
};

/** An empty list is refused rather than guessed at: "none of these" and "no filter" differ. */
export const validateFilter = (filter: AllFilter | undefined): AllFilter | undefined => {
  if (filter === undefined) return undefined;
  for (const key of ['streamPrefixes', 'eventTypes'] as const) {
    const list: unknown = filter[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
      fail([{ field: `filter.${key}`, message: 'must be a non-empty list of non-empty strings (omit it for no filter)' }]);
    }
  }
  return filter;
};

export const validateReadAll = (options: ReadAllOptions = {}) => ({
  backwards: validateDirection(options.direction) === 'backwards',
  position: validatePosition(options.position, 'position'),
  maxCount: countOrUndefined(options.maxCount, 'maxCount'),
  filter: validateFilter(options.filter),
});
