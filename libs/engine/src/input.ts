import { BUSINESS_DATE_FORMS, isBusinessDate } from './business-date';
import { isIsoDate } from './calendar';
import type { JsonObject } from './definition';
import { ValidationError, type FieldError } from './errors';
import { INPUT_LIMITS, textProblem, type TextKind } from './input-policy';

/**
 * Reads command data field by field and collects every problem, so one ValidationError names
 * every bad field at once. Domain commands validate here even though the HTTP edge also does:
 * the CLI, tests and replays reach decide without passing through HTTP.
 */
export class InputReader {
  private readonly errors: FieldError[] = [];
  constructor(
    private readonly data: JsonObject,
    private readonly prefix = '',
  ) {}

  private fail(field: string, message: string): undefined {
    this.errors.push({ field: this.prefix + field, message });
    return undefined;
  }

  private value(field: string, optional: boolean): unknown {
    const v = this.data?.[field];
    if (v === undefined || v === null) {
      if (!optional) this.fail(field, 'is required');
      return undefined;
    }
    return v;
  }

  /** Short text (a name, an id, a title): no control character at all (INPUT_LIMITS, textProblem). */
  string(field: string, options: { optional?: boolean; max?: number } = {}): string {
    return this.textOf(field, 'short', options);
  }

  /** Long free text (a reason, notes, a description): tab and newline allowed, no other control character. */
  text(field: string, options: { optional?: boolean; max?: number } = {}): string {
    return this.textOf(field, 'long', options);
  }

  private textOf(field: string, kind: TextKind, options: { optional?: boolean; max?: number }): string {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as string;
    if (typeof v !== 'string' || v.trim() === '') return this.fail(field, 'must be a non-empty string') as never;
    if (v.length > (options.max ?? 2000)) return this.fail(field, `must be at most ${options.max ?? 2000} characters`) as never;
    const problem = textProblem(v, kind);
    if (problem) return this.fail(field, problem) as never;
    return v;
  }

  date(field: string, options: { optional?: boolean } = {}): string {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as string;
    if (!isIsoDate(v)) return this.fail(field, 'must be a calendar date YYYY-MM-DD') as never;
    return v;
  }

  /** A business date as people know it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (see business-date.ts). */
  businessDate(field: string, options: { optional?: boolean } = {}): string {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as string;
    if (!isBusinessDate(v)) return this.fail(field, `must be a business date: ${BUSINESS_DATE_FORMS}`) as never;
    return v;
  }

  integer(field: string, min: number, max: number, options: { optional?: boolean } = {}): number {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as number;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      return this.fail(field, `must be an integer from ${min} to ${max}`) as never;
    }
    return v;
  }

  number(field: string, min: number, max: number, options: { optional?: boolean } = {}): number {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      return this.fail(field, `must be a number from ${min} to ${max}`) as never;
    }
    return v;
  }

  boolean(field: string, options: { optional?: boolean } = {}): boolean {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as boolean;
    if (typeof v !== 'boolean') return this.fail(field, 'must be true or false') as never;
    return v;
  }

  oneOf<T extends string>(field: string, values: readonly T[], options: { optional?: boolean } = {}): T {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as T;
    if (typeof v !== 'string' || !values.includes(v as T)) return this.fail(field, `must be one of ${values.join(', ')}`) as never;
    return v as T;
  }

  /**
   * A code from a reference list (e.g. the member economies' codes) or of a shape (a pattern):
   * stated as data, so the request schema carries the enum or the pattern too.
   */
  code(field: string, known: readonly string[] | RegExp, what: string, options: { optional?: boolean } = {}): string {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as string;
    const ok = typeof v === 'string' && (known instanceof RegExp ? known.test(v) : known.includes(v));
    if (!ok) return this.fail(field, `must be ${what} (got ${JSON.stringify(v)})`) as never;
    return v as string;
  }

  /** A nested object read with its own reader; errors are prefixed `field.`. */
  object<T>(field: string, read: (r: InputReader) => T, options: { optional?: boolean } = {}): T {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return undefined as unknown as T;
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(field, 'must be an object') as never;
    const nested = new InputReader(v as JsonObject, `${this.prefix}${field}.`);
    const result = read(nested);
    this.errors.push(...nested.errors);
    return result;
  }

  /** An array of `min` (0) to `max` (500) items, objects read with `read`; errors are prefixed `field[i].`. */
  list<T>(field: string, read: (r: InputReader) => T, options: { optional?: boolean; min?: number; max?: number } = {}): T[] {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return [];
    if (!Array.isArray(v)) return this.fail(field, 'must be an array') as never;
    const min = options.min ?? 0;
    if (v.length < min) return this.fail(field, `must have at least ${min} item${min === 1 ? '' : 's'}`) as never;
    if (v.length > (options.max ?? 500)) return this.fail(field, `must have at most ${options.max ?? 500} items`) as never;
    return v.map((item, i) => {
      const nested = new InputReader((item ?? {}) as JsonObject, `${this.prefix}${field}[${i}].`);
      if (typeof item !== 'object' || item === null || Array.isArray(item)) nested.fail('', 'must be an object');
      const result = read(nested);
      this.errors.push(...nested.errors);
      return result;
    });
  }

  /** An array of non-empty short texts, each at most `itemMax` characters (INPUT_LIMITS.listItemChars). */
  strings(field: string, options: { optional?: boolean; max?: number; itemMax?: number } = {}): string[] {
    const v = this.value(field, options.optional ?? false);
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) {
      return this.fail(field, 'must be an array of non-empty strings') as never;
    }
    if (v.length > (options.max ?? 200)) return this.fail(field, `must have at most ${options.max ?? 200} items`) as never;
    const itemMax = options.itemMax ?? INPUT_LIMITS.listItemChars;
    let bad = false;
    (v as string[]).forEach((item, i) => {
      const problem = item.length > itemMax ? `must be at most ${itemMax} characters` : textProblem(item, 'short');
      if (problem) bad = this.fail(`${field}[${i}]`, problem) === undefined;
    });
    return bad ? (undefined as never) : (v as string[]);
  }

  /** A field that must not be given in this case (e.g. a meeting for a decision nobody met on). */
  absent(field: string, why: string): void {
    const v = this.data?.[field];
    if (v !== undefined && v !== null) this.fail(field, why);
  }

  /** Throws one ValidationError naming every bad field, if any. */
  done(): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors);
  }
}

/** Reads command data with `read`, throwing a ValidationError that names every bad field. */
export function readInput<T>(data: JsonObject, read: (r: InputReader) => T): T {
  const reader = new InputReader(data ?? {});
  const result = read(reader);
  reader.done();
  return withoutUndefined(result);
}

/** Optional fields that were absent are dropped, so event data is plain JSON with no `undefined`. */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (typeof value !== 'object' || value === null) return value;
  // Object.fromEntries(Object.entries(value).filter(...).map(...)) without the arrays: the same
  // own enumerable string keys in the same order, each defined as a data property (so a
  // "__proto__" key stays a key, as fromEntries keeps it).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: withoutUndefined(v), writable: true, enumerable: true, configurable: true });
    else out[key] = withoutUndefined(v);
  }
  return out as T;
}
