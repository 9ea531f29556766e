import type { FieldError } from './errors';

/**
 * The one input policy (docs/input-policy.md), applied wherever input enters: HTTP bodies, path
 * ids and query values at the edge, command data in `InputReader` (so the CLI, the scheduler and
 * tests are held to it too), CLI arguments and configuration files. What it refuses could
 * otherwise reach the immutable log for ever: a NUL that no PostgreSQL text column can hold, an
 * escape sequence that drives an auditor's terminal, a lone surrogate that one store keeps and
 * another turns into U+FFFD.
 */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays in one body (the deepest command needs 4). */
  depth: 16,
  /** Characters in any one string, whatever the field (each field's own limit is lower). */
  stringChars: 10_000,
  /** Items in any one array (each field's own limit is lower). */
  arrayItems: 1_000,
  /** Characters in one item of a list of strings (`outputs`, `outcomes`). */
  listItemChars: 500,
  /** `offset` of a list or report. */
  offset: 1_000_000_000,
  /** A global log position (`sincePosition`, `X-Min-Position`): a signed 64-bit integer. */
  position: 2n ** 63n - 1n,
} as const;

/** Short text (names, ids, titles) allows no control character; long free text allows tab and newline. */
export type TextKind = 'short' | 'long';

/**
 * Why `text` breaks the policy, or undefined when it does not: a C0 control character (tab and
 * newline allowed in long text only), DEL, a C1 control character, or a UTF-16 surrogate without
 * its pair (not a character: UTF-8 cannot encode it).
 */
export function textProblem(text: string, kind: TextKind = 'short'): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (kind === 'long' && (c === 0x09 || c === 0x0a)) continue;
      return `must not contain the control character ${codePoint(c)} (at ${i})${kind === 'short' && (c === 0x09 || c === 0x0a) ? '; tab and newline are allowed in long free text only' : ''}`;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `must not contain an unpaired surrogate ${codePoint(c)} (at ${i})`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `must not contain an unpaired surrogate ${codePoint(c)} (at ${i})`;
  }
  return undefined;
}

const codePoint = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Every breach of the policy in a parsed JSON value, by field path (`a.b[2].c`): depth, string
 * length and characters (keys included, as short text; values as long text: the field's own
 * reader decides whether it is short), array length, and `__proto__` keys. Walks with its own
 * stack, so a value nested ten thousand deep is refused, not a RangeError. Stops after `max`
 * problems.
 */
export function jsonInputProblems(value: unknown, root = '', max = 20): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0 && problems.length < max) {
    const { value: v, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    const name = path || 'body';
    if (typeof v === 'string') {
      if (v.length > INPUT_LIMITS.stringChars) problems.push({ field: name, message: `must be at most ${INPUT_LIMITS.stringChars} characters` });
      else {
        const problem = textProblem(v, 'long');
        if (problem) problems.push({ field: name, message: problem });
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= INPUT_LIMITS.depth) {
      problems.push({ field: name, message: `must not nest objects and arrays more than ${INPUT_LIMITS.depth} deep` });
      continue;
    }
    if (Array.isArray(v)) {
      if (v.length > INPUT_LIMITS.arrayItems) problems.push({ field: name, message: `must have at most ${INPUT_LIMITS.arrayItems} items` });
      else for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      const field = path ? `${path}.${key}` : key;
      const keyProblem = key === '__proto__' ? 'is not an allowed field name' : textProblem(key, 'short');
      if (keyProblem) problems.push({ field: path ? `${path}.${JSON.stringify(key)}` : JSON.stringify(key), message: `(a field name) ${keyProblem}` });
      else stack.push({ value: (v as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return problems;
}
