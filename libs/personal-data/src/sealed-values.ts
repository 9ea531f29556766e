import { isSealedPersonal, openSealed, type JsonValue, type SealedPersonal } from './seal';

/** What a reader without the right to personal data sees in place of a sealed value. */
export interface WithheldPersonal {
  readonly $withheld: 1;
  readonly subject: string;
}

/** Calls `visit` on every sealed value anywhere inside `value` (events, folded states, views). */
export const forEachSealed = (value: unknown, visit: (sealed: SealedPersonal) => void): void => {
  if (typeof value !== 'object' || value === null) return;
  if (isSealedPersonal(value)) return visit(value);
  if (Array.isArray(value)) for (const item of value) forEachSealed(item, visit);
  // for…in over own keys: no array of values made per object (answers of thousands of rows pass here).
  else for (const k in value) if (Object.hasOwn(value, k)) forEachSealed((value as Record<string, unknown>)[k], visit);
};

/** The distinct subjects whose sealed values `value` holds. */
export const sealedSubjects = (value: unknown): string[] => {
  const seen = new Set<string>();
  forEachSealed(value, (sealed) => seen.add(sealed.subject));
  return [...seen];
};

/**
 * `value` with every sealed value inside it replaced by `replace(sealed)`; objects and arrays
 * without one are the same references (nothing copied when there is nothing sealed).
 */
export const replaceSealed = (value: unknown, replace: (sealed: SealedPersonal) => unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (isSealedPersonal(value)) return replace(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = replaceSealed(item, replace);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const item = (value as Record<string, unknown>)[k];
    const next = replaceSealed(item, replace);
    // defineProperty: a key named __proto__ stays a plain property.
    if (next !== item)
      Object.defineProperty((out ??= { ...(value as Record<string, unknown>) }), k, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return out ?? value;
};

/** Every sealed value opened with its subject's key from `keys` (an ERASED marker where there is none). */
export const openSealedValues = (value: unknown, keys: (subject: string) => Uint8Array | undefined): unknown =>
  replaceSealed(value, (sealed) => openSealed(sealed, keys(sealed.subject)) as JsonValue);

/** Every sealed value replaced by a WITHHELD marker naming its subject (readers without the right). */
export const withholdSealedValues = (value: unknown): unknown =>
  replaceSealed(value, (sealed): WithheldPersonal => ({ $withheld: 1, subject: sealed.subject }));
