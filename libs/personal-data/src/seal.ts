import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PersonalDataError } from './personal-data-error';

/** A JSON value (what event data is made of). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A personal value as stored: AES-256-GCM ciphertext of the value's JSON text under the
 * subject's key. JSON-safe, so it sits in event data where the clear value was; the hash chain
 * and seals cover these bytes, so erasing the key leaves them verifiable. It names where it was
 * sealed (stream, event type, field), all bound into the GCM associated data, so a copy of it
 * (in a folded state, a snapshot, a response) opens anywhere with `openSealed`, and nowhere
 * else than where it was sealed with `openPersonal`.
 */
export interface SealedPersonal {
  /** Format version (1). */
  readonly $personal: 1;
  /** The data subject whose key seals the value. */
  readonly subject: string;
  /** The stream, event type and policy field path the value was sealed in. */
  readonly stream: string;
  readonly type: string;
  readonly path: string;
  /** 12-byte random IV, base64. */
  readonly iv: string;
  /** Ciphertext of JSON.stringify(value), base64. */
  readonly ct: string;
  /** 16-byte GCM tag, base64. */
  readonly tag: string;
}

/** What a read shows for a personal value whose subject's key has been erased. */
export interface ErasedPersonal {
  readonly $erased: 1;
  readonly subject: string;
}

/** Where a personal value sits; all of it is bound into the GCM associated data. */
export interface PersonalContext {
  readonly subject: string;
  readonly streamId: string;
  readonly eventType: string;
  /** The policy's field path, e.g. `participants[*].name`. */
  readonly path: string;
}

export const PERSONAL_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'apo-personal/v1';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The associated data: a JSON array, so no field can run into the next. */
export const personalAad = (context: PersonalContext): Buffer =>
  Buffer.from(JSON.stringify([AAD_LABEL, context.subject, context.streamId, context.eventType, context.path]), 'utf8');

const checkKey = (key: Uint8Array): void => {
  if (!(key instanceof Uint8Array) || key.length !== PERSONAL_KEY_BYTES) {
    throw new PersonalDataError('BAD_KEY', `a personal-data key is ${PERSONAL_KEY_BYTES} bytes`);
  }
};

/** A fresh random 32-byte subject key. */
export const generatePersonalKey = (): Buffer => randomBytes(PERSONAL_KEY_BYTES);

/** True for anything shaped as a sealed value (`$personal` marker and string fields); `openPersonal` checks the rest. */
export const isSealedPersonal = (x: unknown): x is SealedPersonal => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return (
    o['$personal'] === 1 &&
    typeof o['subject'] === 'string' &&
    typeof o['stream'] === 'string' &&
    typeof o['type'] === 'string' &&
    typeof o['path'] === 'string' &&
    typeof o['iv'] === 'string' &&
    typeof o['ct'] === 'string' &&
    typeof o['tag'] === 'string'
  );
};

export const isErasedPersonal = (x: unknown): x is ErasedPersonal =>
  typeof x === 'object' &&
  x !== null &&
  !Array.isArray(x) &&
  (x as Record<string, unknown>)['$erased'] === 1 &&
  typeof (x as Record<string, unknown>)['subject'] === 'string';

/** Seals a JSON value for `context.subject` with that subject's key and a fresh random IV. */
export const sealPersonal = (value: JsonValue, key: Uint8Array, context: PersonalContext): SealedPersonal => {
  checkKey(key);
  const text = JSON.stringify(value);
  if (text === undefined) throw new PersonalDataError('DATA_MISMATCH', `${context.path}: not a JSON value`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(personalAad(context));
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return {
    $personal: 1,
    subject: context.subject,
    stream: context.streamId,
    type: context.eventType,
    path: context.path,
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
};

const decode = (field: string, text: string, bytes?: number): Buffer => {
  const buf = BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  // Canonical base64 only: a changed padding bit would otherwise decode to the same bytes.
  if (buf === undefined || buf.toString('base64') !== text || (bytes !== undefined && buf.length !== bytes)) {
    throw new PersonalDataError('MALFORMED', `sealed personal value: ${field} is not ${bytes === undefined ? 'base64' : `${bytes} bytes of base64`}`);
  }
  return buf;
};

/** Where a sealed value says it was sealed. */
export const sealedContext = (sealed: SealedPersonal): PersonalContext => ({
  subject: sealed.subject,
  streamId: sealed.stream,
  eventType: sealed.type,
  path: sealed.path,
});

/**
 * Opens a sealed value where it stands in an event: the value, or an ERASED marker when `key`
 * is undefined (the subject's key is gone). Throws PersonalDataError: MISBOUND when the sealed
 * value names another subject, stream, event type or field than `context`, MALFORMED for a
 * broken shape, TAMPERED when authentication fails.
 */
export const openPersonal = (sealed: SealedPersonal, key: Uint8Array | undefined, context: PersonalContext): JsonValue | ErasedPersonal => {
  if (!isSealedPersonal(sealed)) throw new PersonalDataError('MALFORMED', `${context.path}: not a sealed personal value`);
  if (sealed.subject !== context.subject) {
    throw new PersonalDataError('MISBOUND', `${context.path}: sealed for another subject than the event names`);
  }
  if (sealed.stream !== context.streamId || sealed.type !== context.eventType || sealed.path !== context.path) {
    throw new PersonalDataError('MISBOUND', `${context.path}: sealed in another stream, event type or field than where it stands`);
  }
  return openSealed(sealed, key);
};

/**
 * Opens a copy of a sealed value (a folded state, a snapshot, a view) with the binding it names:
 * the value, or an ERASED marker when `key` is undefined. TAMPERED when the named binding is
 * not the one it was sealed with.
 */
export const openSealed = (sealed: SealedPersonal, key: Uint8Array | undefined): JsonValue | ErasedPersonal => {
  if (!isSealedPersonal(sealed)) throw new PersonalDataError('MALFORMED', 'not a sealed personal value');
  const context = sealedContext(sealed);
  const iv = decode('iv', sealed.iv, IV_BYTES);
  const tag = decode('tag', sealed.tag, TAG_BYTES);
  const ct = decode('ct', sealed.ct);
  if (key === undefined) return { $erased: 1, subject: sealed.subject };
  checkKey(key);
  let text: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(personalAad(context));
    decipher.setAuthTag(tag);
    text = Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new PersonalDataError(
      'TAMPERED',
      `${context.path}: sealed personal value fails authentication (changed, or moved from another subject, stream, event or field)`,
      { cause },
    );
  }
  return JSON.parse(text) as JsonValue;
};
