import { PersonalDataError } from './personal-data-error';
import { isSealedPersonal, openPersonal, sealPersonal, type ErasedPersonal, type JsonValue } from './seal';

/**
 * Which fields of which event types are personal data, and whose. Paths are dot-separated
 * property names, each optionally followed by `[*]` (every element of an array):
 * `participants[*].name`. `subject` names the field holding the data subject's id; its `[*]`s
 * must be a prefix of each field's, so `participants[*].personId` gives each participant's
 * fields their own subject, and a top-level `personId` gives all fields one subject.
 */
export interface PersonalDataPolicy {
  readonly [eventType: string]: { readonly fields: readonly string[]; readonly subject: string };
}

/** Looks up a subject's key; undefined when it has none (never made, or erased). */
export type PersonalKeys = (subject: string) => Uint8Array | undefined;

export interface EventPlace {
  readonly streamId: string;
  readonly eventType: string;
}

type Segment = { readonly name: string; readonly stars: number };

interface CompiledField {
  readonly path: string;
  readonly segments: readonly Segment[];
}

interface CompiledEntry {
  readonly fields: readonly CompiledField[];
  readonly subject: readonly Segment[];
  readonly subjectPath: string;
}

const SEGMENT = /^([A-Za-z_$][A-Za-z0-9_$]*)((?:\[\*\])*)$/;
const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const invalid = (eventType: string, message: string) => new PersonalDataError('INVALID_POLICY', `personal-data policy, ${eventType}: ${message}`);

const parsePath = (eventType: string, path: unknown): Segment[] => {
  if (typeof path !== 'string' || path === '') throw invalid(eventType, `a path is a non-empty string, got ${JSON.stringify(path)}`);
  return path.split('.').map((part) => {
    const m = SEGMENT.exec(part);
    if (m === null || PROTO_KEYS.has(m[1])) {
      throw invalid(
        eventType,
        `unknown path syntax ${JSON.stringify(path)} at ${JSON.stringify(part)} (property names joined by '.', each optionally followed by [*])`,
      );
    }
    return { name: m[1], stars: m[2].length / 3 };
  });
};

/** The segment index and star count of the path's last `[*]` (its array nesting), or undefined. */
const arrayPrefix = (segments: readonly Segment[]): { readonly upTo: number; readonly stars: number } | undefined => {
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i].stars > 0) return { upTo: i, stars: segments[i].stars };
  return undefined;
};

const isPrefix = (a: readonly Segment[], b: readonly Segment[]): boolean =>
  a.length <= b.length && a.every((s, i) => s.name === b[i].name && (i === a.length - 1 ? s.stars <= b[i].stars : s.stars === b[i].stars));

const compiled = new WeakMap<PersonalDataPolicy, ReadonlyMap<string, CompiledEntry>>();

/** Checks a policy; throws PersonalDataError INVALID_POLICY with the reason. */
export const validatePolicy = (policy: PersonalDataPolicy): void => {
  compilePolicy(policy);
};

const compilePolicy = (policy: PersonalDataPolicy): ReadonlyMap<string, CompiledEntry> => {
  const done = compiled.get(policy);
  if (done !== undefined) return done;
  if (typeof policy !== 'object' || policy === null) throw new PersonalDataError('INVALID_POLICY', 'personal-data policy: not an object');
  const out = new Map<string, CompiledEntry>();
  for (const [eventType, entry] of Object.entries(policy)) {
    if (typeof entry !== 'object' || entry === null || !Array.isArray(entry.fields) || entry.fields.length === 0) {
      throw invalid(eventType, 'an entry is { fields: [path, …], subject: path } with at least one field');
    }
    const subject = parsePath(eventType, entry.subject);
    if (subject[subject.length - 1].stars > 0) throw invalid(eventType, `the subject path ${entry.subject} must end at a field, not an array`);
    const subjectArrays = arrayPrefix(subject);
    const fields: CompiledField[] = [];
    for (const path of entry.fields) {
      const segments = parsePath(eventType, path);
      if (subjectArrays !== undefined && !isPrefix(subject.slice(0, subjectArrays.upTo + 1), segments)) {
        throw invalid(eventType, `the subject path ${entry.subject} is not inside the same array elements as ${path}`);
      }
      if (isPrefix(segments, subject) || isPrefix(subject, segments)) throw invalid(eventType, `${path} would seal the subject id ${entry.subject}`);
      for (const other of fields) {
        if (isPrefix(other.segments, segments) || isPrefix(segments, other.segments)) throw invalid(eventType, `${path} overlaps ${other.path}`);
      }
      fields.push({ path, segments });
    }
    out.set(eventType, { fields, subject, subjectPath: entry.subject });
  }
  compiled.set(policy, out);
  return out;
};

type Leaf = (value: JsonValue, subject: unknown, path: string) => JsonValue | ErasedPersonal;

const mismatch = (path: string, what: string) =>
  new PersonalDataError('DATA_MISMATCH', `${path}: ${what} where the policy names ${what === 'not an array' ? 'an array' : 'an object'}`);

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The value of the subject path with the field's array indices (only the first `stars` of them apply). */
const resolveSubject = (root: JsonValue, subject: readonly Segment[], indices: readonly number[]): unknown => {
  let at: unknown = root;
  let k = 0;
  for (const seg of subject) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !own(at, seg.name)) return undefined;
    at = (at as Record<string, unknown>)[seg.name];
    for (let s = 0; s < seg.stars; s++) {
      if (!Array.isArray(at)) return undefined;
      at = at[indices[k++]];
    }
  }
  return at;
};

/**
 * Rebuilds only the objects and arrays along the path (copy on write); every other value is the
 * same reference, so it serialises byte for byte as before. Absent or null steps are left alone.
 */
const walk = (root: JsonValue, field: CompiledField, entry: CompiledEntry, leaf: Leaf): JsonValue => {
  const indices: number[] = [];
  const step = (node: JsonValue, i: number, star: number): JsonValue => {
    const seg = field.segments[i];
    if (star === 0) {
      if (node === null) return node;
      if (typeof node !== 'object' || Array.isArray(node)) throw mismatch(field.path, 'not an object');
      if (!own(node, seg.name) || node[seg.name] === undefined) return node;
      const next =
        star < seg.stars ? step(node[seg.name], i, star + 1) : i + 1 < field.segments.length ? step(node[seg.name], i + 1, 0) : leafAt(node[seg.name]);
      return next === node[seg.name] ? node : { ...node, [seg.name]: next };
    }
    // star > 0: node is the array for this segment's star-th [*]
    if (node === null) return node;
    if (!Array.isArray(node)) throw mismatch(field.path, 'not an array');
    let changed = false;
    const out = node.map((el, idx) => {
      indices.push(idx);
      const next = star < seg.stars ? step(el, i, star + 1) : i + 1 < field.segments.length ? step(el, i + 1, 0) : leafAt(el);
      indices.pop();
      if (next !== el) changed = true;
      return next;
    });
    return changed ? out : node;
  };
  const leafAt = (value: JsonValue): JsonValue => leaf(value, resolveSubject(root, entry.subject, indices), field.path) as JsonValue;
  return step(root, 0, 0);
};

const subjectOf = (subject: unknown, path: string, entry: CompiledEntry): string => {
  if (typeof subject !== 'string' || subject === '') {
    throw new PersonalDataError('NO_SUBJECT', `${path}: the subject id at ${entry.subjectPath} is not a non-empty string`);
  }
  return subject;
};

/**
 * Seals every personal field of the event (per the policy) with its subject's key. Events the
 * policy does not name come back as they were (the same reference). Throws NO_KEY when a
 * subject has no key (create keys first: `personalSubjects` lists them), NO_SUBJECT when a
 * personal field's subject id is missing.
 */
export const sealEventData = (data: JsonValue, policy: PersonalDataPolicy, keys: PersonalKeys, place: EventPlace): JsonValue => {
  const entry = compilePolicy(policy).get(place.eventType);
  if (entry === undefined) return data;
  let out = data;
  for (const field of entry.fields) {
    out = walk(out, field, entry, (value, rawSubject, path) => {
      const subject = subjectOf(rawSubject, path, entry);
      const key = keys(subject);
      if (key === undefined) throw new PersonalDataError('NO_KEY', `${path}: no key for its subject`);
      return sealPersonal(value, key, { subject, streamId: place.streamId, eventType: place.eventType, path }) as unknown as JsonValue;
    });
  }
  return out;
};

/**
 * Opens every sealed personal field: the clear value, or `{ $erased: 1, subject }` where the
 * subject's key is gone. Values at personal paths that are not sealed (written before the
 * policy named them) are left as they are. Throws PersonalDataError TAMPERED / MISBOUND /
 * MALFORMED for a sealed value that does not open where it stands.
 */
export const openEventData = (data: JsonValue, policy: PersonalDataPolicy, keys: PersonalKeys, place: EventPlace): JsonValue => {
  const entry = compilePolicy(policy).get(place.eventType);
  if (entry === undefined) return data;
  let out = data;
  for (const field of entry.fields) {
    out = walk(out, field, entry, (value, rawSubject, path) => {
      if (!isSealedPersonal(value)) return value;
      const subject = subjectOf(rawSubject, path, entry);
      return openPersonal(value, keys(subject), { subject, streamId: place.streamId, eventType: place.eventType, path });
    });
  }
  return out;
};

/** The subject ids whose keys sealing this event needs (distinct, in order of appearance). */
export const personalSubjects = (data: JsonValue, policy: PersonalDataPolicy, eventType: string): string[] => {
  const entry = compilePolicy(policy).get(eventType);
  if (entry === undefined) return [];
  const seen = new Set<string>();
  for (const field of entry.fields) {
    walk(data, field, entry, (value, rawSubject, path) => {
      seen.add(subjectOf(rawSubject, path, entry));
      return value;
    });
  }
  return [...seen];
};

/**
 * Gives every data subject the event names no id yet a new one (`newId()`): each object at the
 * subject path's parent (each array element for `participants[*].personId`) without the id.
 * Copy on write, like sealing: an event the policy does not name comes back as it was.
 */
export const assignSubjects = (data: JsonValue, policy: PersonalDataPolicy, eventType: string, newId: () => string): JsonValue => {
  const entry = compilePolicy(policy).get(eventType);
  if (entry === undefined) return data;
  const segments = entry.subject;
  const last = segments.length - 1;
  const step = (node: JsonValue, i: number, star: number): JsonValue => {
    if (node === null || typeof node !== 'object') return node;
    const seg = segments[i];
    if (star > 0) {
      if (!Array.isArray(node)) return node;
      let changed = false;
      const out = node.map((el) => {
        const next = star < seg.stars ? step(el, i, star + 1) : step(el, i + 1, 0);
        if (next !== el) changed = true;
        return next;
      });
      return changed ? out : node;
    }
    if (Array.isArray(node)) return node;
    if (i === last) return own(node, seg.name) && node[seg.name] !== undefined ? node : { ...node, [seg.name]: newId() };
    if (!own(node, seg.name)) return node;
    const next = seg.stars > 0 ? step(node[seg.name], i, 1) : step(node[seg.name], i + 1, 0);
    return next === node[seg.name] ? node : { ...node, [seg.name]: next };
  };
  return step(data, 0, 0);
};
