import type { Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import {
  BUSINESS_DATE_FORMS,
  fieldProblems,
  inputSchema,
  type AnyWorkflowDefinition,
  type CommandSpec,
  type FieldProse,
  type FieldSchema,
  type JsonObject,
} from '@apo/engine';

/**
 * The request DTO of a command, derived from the reader its `decide` validates with: one
 * class-validator rule per field that asks the domain's own InputReader (so the edge states no
 * limit and no message of its own, and a 400 names every bad field as the domain would), and the
 * field's OpenAPI schema from the same description. One class per (definition or spec, command).
 * The prose of the OpenAPI schema is the command route's (`http.fields`), by field path; `docs`
 * adds to it or overrides it (a description, an example; never a limit). Read on the first call.
 */
export function requestDtoFor(definitionOrSpec: AnyWorkflowDefinition | CommandSpec, type: string, docs: FieldDocs = {}): Class<object> {
  let classes = cache.get(definitionOrSpec);
  if (!classes) cache.set(definitionOrSpec, (classes = new Map()));
  let dto = classes.get(type);
  if (!dto) classes.set(type, (dto = derive(specOf(definitionOrSpec, type), type, docs)));
  return dto;
}

export type FieldDocs = Readonly<Record<string, FieldProse>>;

/**
 * The request body class of each command of `definition` that has a route: the hand-written one
 * `hand` names (a body no reader describes), else the one derived from its reader, with the prose
 * `docs` gives it (for what the API adds to the domain's words).
 */
export function requestDtos(
  definition: AnyWorkflowDefinition,
  hand: Readonly<Record<string, Class<object>>> = {},
  docs: (type: string, spec: CommandSpec) => FieldDocs = () => ({}),
): Record<string, Class<object>> {
  const routed = Object.entries(definition.commands).filter(([, spec]) => spec.http !== undefined);
  return Object.fromEntries(routed.map(([type, spec]) => [type, Object.hasOwn(hand, type) ? hand[type] : requestDtoFor(definition, type, docs(type, spec))]));
}

const cache = new WeakMap<object, Map<string, Class<object>>>();

function specOf(definitionOrSpec: AnyWorkflowDefinition | CommandSpec, type: string): CommandSpec {
  if (!('commands' in definitionOrSpec)) return definitionOrSpec;
  const spec = definitionOrSpec.commands[type];
  if (!spec) throw new Error(`${definitionOrSpec.name} version ${definitionOrSpec.version} has no command ${type}`);
  return spec;
}

function derive(spec: CommandSpec, type: string, docs: FieldDocs): Class<object> {
  if (!spec.input) throw new Error(`${type} states no input reader (CommandSpec.input): keep its hand-written request DTO`);
  return dtoClass({ name: `${type}RequestDto`, path: '', docs: { ...spec.http?.fields, ...docs } }, inputSchema(spec.input));
}

/** Where a class sits: its name, its fields' path prefix, the prose for the OpenAPI document. */
interface At {
  readonly name: string;
  readonly path: string;
  readonly docs: FieldDocs;
}

/** A named class whose properties carry the fields' rules and OpenAPI schemas. */
function dtoClass(at: At, fields: readonly FieldSchema[]): Class<object> {
  const dto = { [at.name]: class {} }[at.name];
  for (const field of fields) {
    const decorators = [...rules(field, at), (field.required ? ApiProperty : ApiPropertyOptional)(documented(field, at))];
    for (const decorate of decorators) decorate(dto.prototype, field.name);
  }
  schemas.set(dto, fields);
  return dto;
}

const schemas = new WeakMap<Class<object>, readonly FieldSchema[]>();

/**
 * The fields a derived request DTO class was built from (its rules are exactly `rules()` of each),
 * or undefined for any other class (a hand-written DTO, a subclass of a derived one).
 */
export const derivedSchemaOf = (dto: Class<object>): readonly FieldSchema[] | undefined => schemas.get(dto);

const inner = (at: At, field: FieldSchema): At => ({
  name: `${at.name.replace(/RequestDto$|Dto$/, '')}${field.name[0].toUpperCase()}${field.name.slice(1)}Dto`,
  path: `${at.path}${field.name}.`,
  docs: at.docs,
});

function rules(field: FieldSchema, at: At): PropertyDecorator[] {
  const own = ValidateBy({
    name: 'domainInput',
    validator: {
      validate: (value, args) => fieldProblems(field, value, args?.object as JsonObject).length === 0,
      // The item of a list of strings is named in the message (the field is the list).
      defaultMessage: (args) =>
        fieldProblems(field, args?.value, args?.object as JsonObject)
          .map((p) => (p.field === field.name ? p.message : `${p.field} ${p.message}`))
          .join('; '),
    },
  });
  const optional = field.required ? [] : [validatedWhen(field)];
  if (field.kind === 'object') return [...optional, own, ValidateNested(), Type(() => nested(field, at))];
  if (field.kind === 'list') return [...optional, own, ValidateNested({ each: true }), Type(() => nested(field, at))];
  return [...optional, own];
}

/** IsOptional, but a field some branch requires is checked, when absent, on its siblings. */
function validatedWhen(field: FieldSchema): PropertyDecorator {
  if (!field.requiredWhen && !field.forbiddenWhen) return IsOptional();
  const branches = field.requiredWhen ?? [];
  return ValidateIf(
    (object: JsonObject, value: unknown) =>
      (value !== undefined && value !== null) || branches.some((when) => Object.entries(when).every(([k, v]) => object[k] === v)),
  );
}

const nestedClasses = new WeakMap<FieldSchema, Class<object>>();
function nested(field: FieldSchema, at: At): Class<object> {
  let dto = nestedClasses.get(field);
  if (!dto) nestedClasses.set(field, (dto = dtoClass(inner(at, field), field.fields ?? [])));
  return dto;
}

/** The field's schema, with its prose and the branches on which it is required or refused said in words. */
function documented(field: FieldSchema, at: At): ApiPropertyOptions {
  const prose = at.docs[at.path + field.name] ?? {};
  const schema = { ...openApi(field, at), ...(prose.example !== undefined ? { example: prose.example } : {}) } as ApiPropertyOptions;
  const when = (c: Readonly<Record<string, unknown>>) =>
    Object.entries(c)
      .map(([k, v]) => `${k} is ${String(v)}`)
      .join(' and ');
  const branches = [
    ...(field.requiredWhen ?? []).map((c) => `Required when ${when(c)}.`),
    ...(field.forbiddenWhen ?? []).map((f) => `When ${when(f.when)}: ${f.why}.`),
  ];
  const description = sentences([prose.description, schema.description, ...branches]);
  return (description ? { ...schema, description } : schema) as ApiPropertyOptions;
}

/** Prose joined: one part as it is; several as sentences, each ending with a full stop (or a colon, a question mark). */
const sentences = (parts: readonly (string | undefined)[]): string => {
  const said = parts.filter((p): p is string => Boolean(p));
  return said.length === 1 ? said[0] : said.map((p) => (/[.:?!]$/.test(p) ? p : `${p}.`)).join(' ');
};

const BUSINESS_DATE = `A business date as known: ${BUSINESS_DATE_FORMS}; a partial date stands for every day it covers and is kept as given.`;

function openApi(field: FieldSchema, at: At): ApiPropertyOptions {
  switch (field.kind) {
    case 'string':
    case 'text':
      return { type: 'string', minLength: 1, maxLength: field.max };
    case 'date':
      return { type: 'string', format: 'date', example: '2026-03-31' };
    case 'businessDate':
      return { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', example: '2026-03-31', description: BUSINESS_DATE };
    case 'integer':
    case 'number':
      return { type: field.kind, minimum: field.minimum, maximum: field.maximum };
    case 'boolean':
      return { type: 'boolean' };
    case 'oneOf':
      return { type: 'string', enum: [...(field.values ?? [])] };
    case 'code':
      return {
        type: 'string',
        ...(field.pattern !== undefined ? { pattern: field.pattern } : { enum: [...(field.values ?? [])] }),
        description: capitalised(field.what ?? ''),
      };
    case 'object':
      return { type: () => nested(field, at) };
    case 'list':
      return { type: () => nested(field, at), isArray: true, ...(field.min !== undefined ? { minItems: field.min } : {}), maxItems: field.max };
    case 'strings':
      return { type: 'string', isArray: true, maxItems: field.max, items: { type: 'string', minLength: 1, maxLength: field.itemMax } };
  }
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
