import type { JsonObject } from './definition';
import { ValidationError, type FieldError } from './errors';
import { InputReader, readInput } from './input';
import { INPUT_LIMITS } from './input-policy';

export type FieldKind = 'string' | 'text' | 'date' | 'businessDate' | 'integer' | 'number' | 'boolean' | 'oneOf' | 'code' | 'list' | 'strings' | 'object';

/** Values of sibling fields (a oneOf or a boolean) on which a reader branches: all must hold. */
export type Condition = Readonly<Record<string, unknown>>;

/**
 * One field a command's reader reads, as it reads it: the kind of InputReader call and its
 * options. `required` is false for a field read as optional or read only on some branches (a
 * `governingBody` only when `decidedBy` is the Governing Body); `requiredWhen` and `forbiddenWhen`
 * then say on which branches the reader requires it or refuses it.
 */
export interface FieldSchema {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** string, text: most characters; list, strings: most items. */
  readonly max?: number;
  /** list: fewest items (0 when absent). */
  readonly min?: number;
  /** integer, number: the range. */
  readonly minimum?: number;
  readonly maximum?: number;
  /** oneOf, a code of a reference list: the values allowed. */
  readonly values?: readonly string[];
  /** A code of a shape: its pattern (a RegExp's source). */
  readonly pattern?: string;
  /** code: what it is called. */
  readonly what?: string;
  /** strings: most characters of an item. */
  readonly itemMax?: number;
  /** object: its fields; list: the fields of each item. */
  readonly fields?: readonly FieldSchema[];
  /** Read only on some branches: required when one of these holds. */
  readonly requiredWhen?: readonly Condition[];
  /** Refused (InputReader.absent) when one of these holds, with the reader's reason. */
  readonly forbiddenWhen?: readonly { readonly when: Condition; readonly why: string }[];
}

/** A field as one run of a reader noted it: under which choices, and whether it was read or refused. */
interface Noted extends FieldSchema {
  readonly when: Condition;
  readonly refused?: string;
}

type Choices = ReadonlyMap<string, unknown>;
type Options = { optional?: boolean; min?: number; max?: number; itemMax?: number };
type Call = Omit<FieldSchema, 'name' | 'kind' | 'required' | 'fields'>;

/**
 * An InputReader over no data that writes down each call instead of checking a value. It answers
 * every field as absent, except a oneOf or boolean field for which `choices` names the value to
 * answer (so the fields a reader reads on one branch only are found too).
 */
class RecordingReader extends InputReader {
  readonly fields: Noted[] = [];
  readonly branches: { path: string; values: readonly unknown[] }[] = [];

  constructor(
    private readonly choices: Choices,
    private readonly path = '',
  ) {
    super({});
  }

  private note(name: string, kind: FieldKind, options: Options, call: Call = {}, fields?: readonly Noted[]): void {
    const max = options.max !== undefined ? { max: options.max } : {};
    const min = options.min ? { min: options.min } : {};
    this.fields.push({ name, kind, required: !(options.optional ?? false), ...min, ...max, ...call, ...(fields ? { fields } : {}), when: this.when() });
  }

  /** The choices made for fields beside this reader's (a condition on another level is not stated). */
  private when(): Condition {
    const siblings = [...this.choices].filter(([path]) => path.startsWith(this.path) && !/[.[]/.test(path.slice(this.path.length)));
    return Object.fromEntries(siblings.map(([path, value]) => [path.slice(this.path.length), value]));
  }

  private chosen(name: string, values: readonly unknown[]): unknown {
    this.branches.push({ path: this.path + name, values });
    return this.choices.get(this.path + name);
  }

  private nested(name: string, read: (r: InputReader) => unknown): readonly Noted[] {
    const reader = new RecordingReader(this.choices, `${this.path}${name}.`);
    read(reader);
    this.branches.push(...reader.branches);
    return reader.fields;
  }

  override string(field: string, options: Options = {}): string {
    this.note(field, 'string', { max: 2000, ...options });
    return undefined as never;
  }
  override text(field: string, options: Options = {}): string {
    this.note(field, 'text', { max: 2000, ...options });
    return undefined as never;
  }
  override date(field: string, options: Options = {}): string {
    this.note(field, 'date', options);
    return undefined as never;
  }
  override businessDate(field: string, options: Options = {}): string {
    this.note(field, 'businessDate', options);
    return undefined as never;
  }
  override integer(field: string, min: number, max: number, options: Options = {}): number {
    this.note(field, 'integer', options, { minimum: min, maximum: max });
    return undefined as never;
  }
  override number(field: string, min: number, max: number, options: Options = {}): number {
    this.note(field, 'number', options, { minimum: min, maximum: max });
    return undefined as never;
  }
  override boolean(field: string, options: Options = {}): boolean {
    this.note(field, 'boolean', options);
    return this.chosen(field, [true, false]) as boolean;
  }
  override oneOf<T extends string>(field: string, values: readonly T[], options: Options = {}): T {
    this.note(field, 'oneOf', options, { values });
    return this.chosen(field, values) as T;
  }
  override code(field: string, known: readonly string[] | RegExp, what: string, options: Options = {}): string {
    this.note(field, 'code', options, known instanceof RegExp ? { pattern: known.source, what } : { values: known, what });
    return undefined as never;
  }
  override object<T>(field: string, read: (r: InputReader) => T, options: Options = {}): T {
    this.note(field, 'object', options, {}, this.nested(field, read));
    return undefined as never;
  }
  override list<T>(field: string, read: (r: InputReader) => T, options: Options = {}): T[] {
    this.note(field, 'list', { max: 500, ...options }, {}, this.nested(`${field}[]`, read));
    return [];
  }
  override strings(field: string, options: Options = {}): string[] {
    this.note(field, 'strings', { max: 200, ...options }, { itemMax: options.itemMax ?? INPUT_LIMITS.listItemChars });
    return [];
  }
  override absent(field: string, why: string): void {
    this.fields.push({ name: field, kind: 'object', required: false, when: this.when(), refused: why });
  }
  /** Nothing was checked, so nothing is refused. */
  override done(): void {
    return undefined;
  }
}

/**
 * The fields `read` reads, found by running it: once with every field absent, then once more for
 * each value of each oneOf or boolean field it reads, so a field read on one branch only is listed
 * (as not required). A field is required when every run reads it as required.
 */
export function inputSchema(read: (r: InputReader) => unknown): readonly FieldSchema[] {
  const runs: Noted[][] = [];
  const seen = new Set<string>();
  const queue: Choices[] = [new Map()];
  while (queue.length > 0) {
    const choices = queue.shift() as Choices;
    const reader = new RecordingReader(choices);
    read(reader);
    runs.push(reader.fields);
    for (const { path, values } of reader.branches) {
      for (const value of values) {
        const key = `${path}=${JSON.stringify(value)}`;
        if (choices.has(path) || seen.has(key)) continue;
        seen.add(key);
        queue.push(new Map([...choices, [path, value]]));
      }
    }
  }
  return merge(runs);
}

/**
 * The union of the fields every run read. One is required if every run requires it; required on
 * some branches, it is `requiredWhen` their choices (unless the run with no choice requires it:
 * "required unless" is not stated, the reader keeps it); refused on some, `forbiddenWhen` theirs.
 */
function merge(runs: readonly (readonly Noted[])[]): FieldSchema[] {
  const byName = new Map<string, Noted[]>();
  for (const run of runs) for (const field of run) byName.set(field.name, [...(byName.get(field.name) ?? []), field]);
  return [...byName.values()].flatMap((versions) => {
    const read = versions.filter((f) => f.refused === undefined);
    if (read.length === 0) return [];
    const { when: _when, refused: _refused, fields: _fields, ...field } = read[0];
    const required = read.length === runs.length && read.every((f) => f.required);
    const branches = read.filter((f) => f.required).map((f) => f.when);
    const requiredWhen = !required && branches.length > 0 && branches.every((w) => Object.keys(w).length > 0) ? { requiredWhen: unique(branches) } : {};
    const refusals = versions.flatMap((f) => (f.refused !== undefined && Object.keys(f.when).length > 0 ? [{ when: f.when, why: f.refused }] : []));
    const forbiddenWhen = refusals.length > 0 ? { forbiddenWhen: unique(refusals) } : {};
    const nested = read.flatMap((f) => (f.fields !== undefined ? [f.fields as readonly Noted[]] : []));
    return [{ ...field, required, ...(nested.length > 0 ? { fields: merge(nested) } : {}), ...requiredWhen, ...forbiddenWhen }];
  });
}

const unique = <T>(items: readonly T[]): T[] => [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];

/**
 * What the domain's reader says of `value` as the field `field` describes, the field's own
 * problems only (an object's or a list item's fields are checked by their own FieldSchema): the
 * same InputReader call, so the edge states no limit and no message of its own. `siblings` (the
 * object holding the field) decides a field read or refused on some branches only.
 */
export function fieldProblems(field: FieldSchema, value: unknown, siblings: JsonObject = {}): readonly FieldError[] {
  const holds = (when: Condition) => Object.entries(when).every(([key, v]) => siblings[key] === v);
  const refusal = field.forbiddenWhen?.find((f) => holds(f.when));
  if (refusal) return value === undefined || value === null ? [] : [{ field: field.name, message: refusal.why }];
  const required = field.required || (field.requiredWhen ?? []).some(holds);
  try {
    readInput({ [field.name]: value }, readerOf(field, required));
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.fields.filter((f) => f.field === field.name || (field.kind === 'strings' && f.field.startsWith(`${field.name}[`)));
  }
}

/** The InputReader call of a field, required or optional, built once per field (the edge asks it on every request). */
const readers = new WeakMap<FieldSchema, { readonly required: (r: InputReader) => unknown; readonly optional: (r: InputReader) => unknown }>();
function readerOf(field: FieldSchema, required: boolean): (r: InputReader) => unknown {
  let pair = readers.get(field);
  if (pair === undefined) {
    pair = { required: fieldReader(field, true), optional: fieldReader(field, false) };
    readers.set(field, pair);
  }
  return required ? pair.required : pair.optional;
}

function fieldReader(field: FieldSchema, required: boolean): (r: InputReader) => unknown {
  const { name } = field;
  const options = { optional: !required, ...(field.max !== undefined ? { max: field.max } : {}), ...(field.min !== undefined ? { min: field.min } : {}) };
  const skip = () => undefined;
  const codes = field.pattern !== undefined ? new RegExp(field.pattern) : (field.values ?? []);
  switch (field.kind) {
    case 'string':
      return (r) => r.string(name, options);
    case 'text':
      return (r) => r.text(name, options);
    case 'date':
      return (r) => r.date(name, options);
    case 'businessDate':
      return (r) => r.businessDate(name, options);
    case 'integer':
      return (r) => r.integer(name, field.minimum as number, field.maximum as number, options);
    case 'number':
      return (r) => r.number(name, field.minimum as number, field.maximum as number, options);
    case 'boolean':
      return (r) => r.boolean(name, options);
    case 'oneOf':
      return (r) => r.oneOf(name, field.values ?? [], options);
    case 'code':
      return (r) => r.code(name, codes, field.what ?? 'a known code', options);
    case 'object':
      return (r) => r.object(name, skip, options);
    case 'list':
      return (r) => r.list(name, skip, options);
    case 'strings':
      return (r) => r.strings(name, { ...options, itemMax: field.itemMax });
  }
}
