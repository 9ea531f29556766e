import 'reflect-metadata';
import { ValidationPipe, type Type as Class } from '@nestjs/common';
import type { ValidationError as ClassValidationError } from 'class-validator';
import fc from 'fast-check';
import { createBcnDefinition } from '@apo/bcn';
import { createCoeDefinitionV2 } from '@apo/coe';
import { inputSchema, readInput, ValidationError, type AnyWorkflowDefinition, type InputReader, type FieldSchema } from '@apo/engine';
import { MEMBER_ECONOMIES } from '@apo/reference';
import { BCN_COMMANDS } from '../bcn/bcn-commands';
import { COE_COMMANDS } from '../coe/coe-commands';
import { RequestBodyPipe } from './request-body-pipe';
import { derivedSchemaOf, requestDtoFor } from './request-dto';

/** The edge exactly as bootstrap.ts sets it up; the answer is the bad fields' paths (none: accepted). */
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => errors });
async function badFields(dto: Class<object>, body: unknown, options: { unknownFields: boolean } = { unknownFields: true }): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: dto });
    return [];
  } catch (errors) {
    return [...new Set(paths(errors as ClassValidationError[], '', options.unknownFields))].sort();
  }
}
const paths = (errors: ClassValidationError[], prefix: string, unknownFields: boolean): string[] =>
  errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${prefix.replace(/\.$/, '')}[${e.property}]` : `${prefix}${e.property}`;
    const named = e.constraints !== undefined && (unknownFields || Object.keys(e.constraints).some((c) => c !== 'whitelistValidation'));
    return [...(named ? [field] : []), ...paths(e.children ?? [], `${field}.`, unknownFields)];
  });

// ---- bodies the domain's description accepts, and one-field mutations of them ----

const MEMBERS = MEMBER_ECONOMIES.map((m) => m.iso2);
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,'-]{0,30}$/);
const text = (max: number) => fc.oneof(word, fc.constant('x'.repeat(max)), fc.constant('line one\n\tline two'));
const ymd = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const businessDate = fc.oneof(
  ymd,
  ymd.map((d) => d.slice(0, 7)),
  ymd.map((d) => d.slice(0, 4)),
);

function valid(field: FieldSchema): fc.Arbitrary<unknown> {
  const max = field.max ?? 0;
  switch (field.kind) {
    case 'string':
      return fc.oneof(word, fc.constant('x'.repeat(max)));
    case 'text':
      return text(max);
    case 'date':
      return ymd;
    case 'businessDate':
      return businessDate;
    case 'integer':
      return fc.integer({ min: field.minimum as number, max: field.maximum as number });
    case 'number':
      return fc.oneof(
        fc.integer({ min: field.minimum as number, max: field.maximum as number }),
        fc.double({ min: field.minimum, max: field.maximum, noNaN: true }),
      );
    case 'boolean':
      return fc.boolean();
    case 'oneOf':
      return fc.constantFrom(...(field.values ?? []));
    case 'code':
      return field.pattern !== undefined ? fc.constantFrom(...MEMBERS) : fc.constantFrom(...(field.values ?? []));
    case 'object':
      return body(field.fields ?? []);
    case 'list':
      return fc.array(body(field.fields ?? []), { minLength: 1, maxLength: Math.min(max, 3) });
    case 'strings':
      return fc.array(fc.oneof(word, fc.constant('y'.repeat(field.itemMax ?? 1))), { maxLength: 3 });
  }
}

/** A body the reader accepts: every required field, some optional ones, those of the branch taken. */
const body = (fields: readonly FieldSchema[]): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(fc.record(Object.fromEntries(fields.map((f) => [f.name, valid(f)]))), fc.array(fc.boolean(), { minLength: fields.length, maxLength: fields.length }))
    .map(([all, kept]) => Object.fromEntries(fields.flatMap((f, i) => (keeps(f, all, kept[i]) ? [[f.name, all[f.name]]] : []))));
const holds = (b: Record<string, unknown>) => (when: Readonly<Record<string, unknown>>) => Object.entries(when).every(([k, v]) => b[k] === v);
const keeps = (f: FieldSchema, b: Record<string, unknown>, optionalKept: boolean): boolean => {
  if ((f.forbiddenWhen ?? []).some((x) => holds(b)(x.when))) return false;
  return f.required || (f.requiredWhen ?? []).some(holds(b)) || optionalKept;
};

/** Values that break the field's rule (or another field's type): each one the domain refuses. */
function wrong(field: FieldSchema): unknown[] {
  const max = field.max ?? 0;
  const anyType = [42, true, 'text', { a: 1 }, ['x']];
  const ofKind: Record<FieldSchema['kind'], unknown[]> = {
    string: ['', '   ', 'x'.repeat(max + 1), 'two\nlines', 'esc\u001b[2J'],
    text: ['', ' \n ', 'x'.repeat(max + 1), 'nul\u0000'],
    date: ['2025-02-30', '2025-13-01', '2025-1-1', '2025', '20250101', ''],
    businessDate: ['2025-02-30', '2025-13', '25', '2025-1', '2025/01/01', ''],
    integer: [(field.minimum ?? 0) - 1, (field.maximum ?? 0) + 1, 1.5, '3'],
    number: [(field.minimum ?? 0) - 0.5, (field.maximum ?? 0) + 0.5, '3', Number.NaN],
    boolean: ['true', 1],
    oneOf: ['nope', (field.values ?? [''])[0].toUpperCase()],
    code: ['US', 'ZZ', 'my', 'MYS'],
    object: [[], 'x'],
    list: [{}, 'x', [], Array.from({ length: max + 1 }, () => ({}))],
    strings: [[''], ['   '], ['y'.repeat((field.itemMax ?? 0) + 1)], [3], Array.from({ length: max + 1 }, () => 'z')],
  };
  return [...anyType, ...ofKind[field.kind]];
}

type Mutation = {
  readonly what: string;
  readonly field?: string;
  readonly value?: unknown;
  readonly apply: (body: Record<string, unknown>) => Record<string, unknown>;
};

/** One-field mutations: drop a required field, give a wrong value, add a field nobody reads; nested fields too. */
function mutations(fields: readonly FieldSchema[], at = ''): Mutation[] {
  const own = fields.flatMap((f): Mutation[] => [
    ...(f.required ? [{ what: `${at}${f.name} missing`, apply: (b: Record<string, unknown>) => without(b, f.name) }] : []),
    { what: `${at}${f.name} null`, apply: (b: Record<string, unknown>) => ({ ...b, [f.name]: null }) },
    ...wrong(f).map((value) => ({
      what: `${at}${f.name} = ${JSON.stringify(value)?.slice(0, 40)}`,
      field: `${at}${f.name}`,
      value,
      apply: (b: Record<string, unknown>) => ({ ...b, [f.name]: value }),
    })),
    // Inside an object the body holds (an optional one left out stays out).
    ...(f.kind === 'object' ? inside(f, `${at}${f.name}.`, (m) => (b) => (isObject(b[f.name]) ? { ...b, [f.name]: m.apply(objectAt(b, f.name)) } : b)) : []),
    ...(f.kind === 'list' ? inside(f, `${at}${f.name}[0].`, (m) => (b) => ({ ...b, [f.name]: [m.apply(firstItem(b[f.name]))] })) : []),
  ]);
  return [...own, { what: `${at}extra field`, apply: (b) => ({ ...b, unknownField: 1 }) }];
}
const inside = (f: FieldSchema, at: string, wrap: (m: Mutation) => Mutation['apply']): Mutation[] =>
  mutations(f.fields ?? [], at).map((m) => ({ ...m, apply: wrap(m) }));
const without = (b: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== key));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectAt = (b: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = b[key];
  return isObject(v) ? v : {};
};
const firstItem = (v: unknown): Record<string, unknown> => (Array.isArray(v) && isObject(v[0]) ? v[0] : {});

const definitions: [string, AnyWorkflowDefinition][] = [
  ['COE version 2', createCoeDefinitionV2()],
  ['BCN', createBcnDefinition()],
];
/** Their body shape differs between COE definition versions (or is read field by field after the target is known): they keep their hand DTOs. */
const KEEP_HAND_DTO = ['ExtendPhase', 'CorrectRecord'];
const derivedCommands = (definition: AnyWorkflowDefinition): string[] =>
  Object.keys(definition.commands).filter((type) => definition.commands[type].http !== undefined && !KEEP_HAND_DTO.includes(type));

/** What the domain's reader refuses of `body`: the fields it names. */
function domainRefuses(read: (r: InputReader) => unknown, b: Record<string, unknown>): string[] {
  try {
    readInput(b, read);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return [...new Set(error.fields.map((f) => f.field.replace(/\.$/, '')))].sort();
  }
}
/**
 * The fields as both name them: a list's item named as the list (class-validator names the list
 * of strings, the reader its item), nothing under a path already named (an item that is no
 * object), nothing under a field of another branch than the body's (the reader does not read it).
 */
function alike(fields: string[], schema: readonly FieldSchema[], sent: Record<string, unknown>): string[] {
  const read = (f: FieldSchema) => (f.requiredWhen ?? []).some(holds(sent)) || (f.forbiddenWhen ?? []).some((x) => holds(sent)(x.when));
  const offBranch = schema.filter((f) => f.requiredWhen !== undefined && !read(f)).map((f) => f.name);
  const under = (f: string, g: string) => f === g || (f.startsWith(g) && '.['.includes(f[g.length]));
  const listed = [...new Set(fields.map((f) => f.replace(/\[\d+\]$/, '')))].filter((f) => !offBranch.some((g) => under(f, g)));
  return listed.filter((f) => !listed.some((g) => g !== f && under(f, g))).sort();
}

describe.each(definitions)('%s: the DTO derived from each command reader refuses exactly what the reader refuses', (_name, definition) => {
  const commands = derivedCommands(definition);

  it('covers every command with a route but those keeping a hand DTO: each states its reader', () => {
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.filter((type) => definition.commands[type].input === undefined)).toEqual([]);
  });

  it.each(commands)(
    '%s: the same verdict and the same fields, on reader-valid bodies and one-field mutations (a field nobody reads is refused by the edge only)',
    async (type) => {
      const read = definition.commands[type].input as (r: InputReader) => unknown;
      const schema = inputSchema(read);
      const derived = requestDtoFor(definition, type);
      const mutationOrNone = fc.option(fc.constantFrom(...mutations(schema)), { freq: 4 });
      await fc.assert(
        fc.asyncProperty(body(schema), mutationOrNone, async (b, m) => {
          const sent = m ? m.apply(b) : b;
          const edge = alike(await badFields(derived, sent, { unknownFields: false }), schema, sent);
          expect({ body: sent, edge }).toEqual({ body: sent, edge: alike(domainRefuses(read, sent), schema, sent) });
        }),
        { numRuns: 200 },
      );
    },
  );
});

/** What a pipe answers: the value it hands on (as JSON, keys in order), or the class-validator errors it throws. */
async function answer(p: ValidationPipe, dto: Class<object>, body: unknown): Promise<{ value: string } | { errors: unknown }> {
  try {
    return { value: JSON.stringify(await p.transform(body, { type: 'body', metatype: dto })) };
  } catch (errors) {
    return { errors };
  }
}
const options = { whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors: ClassValidationError[]) => errors };
const routed = [
  ...Object.entries(COE_COMMANDS.requests).map(([type, dto]) => ['COE', type, dto] as const),
  ...Object.entries(BCN_COMMANDS.requests).map(([type, dto]) => ['BCN', type, dto] as const),
];
/** Anything JSON.parse can make, with the names of the body's fields among the keys. */
const jsonValue = (names: readonly string[]) =>
  fc
    .jsonValue()
    .chain((v) =>
      fc
        .dictionary(fc.constantFrom('constructor', 'unknownField', ...names), fc.constant(v), { maxKeys: 3 })
        .map((extra) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v, ...extra } : v)),
    );

describe('RequestBodyPipe answers every routed command body exactly as ValidationPipe does', () => {
  const fast = new RequestBodyPipe(options);
  const nest = new ValidationPipe(options);

  it('takes its short way for every derived request DTO, none for a hand-written one', () => {
    expect(routed.filter(([, type, dto]) => (derivedSchemaOf(dto) === undefined) !== KEEP_HAND_DTO.includes(type)).map(([, type]) => type)).toEqual([]);
  });

  it.each(routed)(
    '%s %s: the same value handed on (as JSON) or the same errors, on reader-valid bodies, their mutations and any JSON',
    async (_programme, _type, dto) => {
      const schema = derivedSchemaOf(dto) ?? [];
      const bodies = fc.oneof(
        { arbitrary: fc.tuple(body(schema), fc.option(fc.constantFrom(...mutations(schema)), { freq: 3 })).map(([b, m]) => (m ? m.apply(b) : b)), weight: 4 },
        { arbitrary: jsonValue(schema.map((f) => f.name)), weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(bodies, async (sent) => {
          // ValidationPipe strips prototype keys in place: each pipe gets its own copy.
          const copy = () => JSON.parse(JSON.stringify(sent)) as unknown;
          expect(await answer(fast, dto, copy())).toEqual(await answer(nest, dto, copy()));
        }),
        { numRuns: 150 },
      );
    },
  );
});
