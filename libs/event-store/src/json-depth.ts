/**
 * How deep a stored event's data or metadata may nest: every value at most this many objects or
 * arrays below the top object (depth 0). Both adapters refuse to append deeper (a cycle fails
 * fast) and read a deeper stored value as unreadable, so no reader meets a value its recursive
 * serialisers (hashing, JSON.stringify, structured clone) would overflow the stack on.
 */
export const MAX_JSON_DEPTH = 256;

/** More than `limit` opening brackets in the text: the only way it can nest deeper than `limit`. */
function bracketsOver(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) if (++count > limit) return true;
  }
  return false;
}

/**
 * Whether a parsed JSON value holds a value deeper than `MAX_JSON_DEPTH`. Given the `text` it was
 * parsed from, a text with too few brackets to nest that deep is not walked (most events). Walks
 * with its own stack: a value nested a million deep is answered, not a RangeError.
 */
export function nestedTooDeep(value: unknown, text?: string): boolean {
  if (text !== undefined && !bracketsOver(text, MAX_JSON_DEPTH)) return false;
  const stack: [container: object, depth: number][] = typeof value === 'object' && value !== null ? [[value, 0]] : [];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [container, depth] = top;
    const children: unknown[] = Array.isArray(container) ? container : Object.values(container);
    if (children.length === 0) continue;
    if (depth + 1 > MAX_JSON_DEPTH) return true;
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
