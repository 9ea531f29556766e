/**
 * Tree-size arithmetic. Sizes and indices are plain numbers up to Number.MAX_SAFE_INTEGER, so
 * this avoids JavaScript's 32-bit bitwise operators and halves with Math.floor instead.
 */

/** True for an integer in [0, Number.MAX_SAFE_INTEGER]: a usable tree size or leaf index. */
export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Throws a clear error unless `value` is a non-negative safe integer. */
export function assertTreeSize(value: unknown, what: string): asserts value is number {
  if (!isTreeSize(value)) throw new RangeError(`${what} must be a non-negative safe integer (got ${String(value)})`);
}

/** The largest power of two strictly below `n` (n >= 2): RFC 9162's split point k. O(log n). */
export function splitPoint(n: number): number {
  if (!(n >= 2)) throw new RangeError(`split point needs n >= 2 (got ${n})`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether the lowest bit of `n` is set. */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** n >> 1 without the 32-bit truncation of `>>`. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

/** The number of set bits of `n`: how many perfect subtrees a tree of that size splits into. */
export function popCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = half(rest)) if (isOdd(rest)) count++;
  return count;
}
