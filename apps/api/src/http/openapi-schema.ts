import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** Small builders for the OpenAPI schemas of answers that are plain objects, not DTO classes. */
export type Schema = SchemaObject | ReferenceObject;

export const str = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra });
export const int = (extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...extra });
export const num = (extra: SchemaObject = {}): SchemaObject => ({ type: 'number', ...extra });
export const bool = (extra: SchemaObject = {}): SchemaObject => ({ type: 'boolean', ...extra });
export const arrayOf = (items: Schema, extra: SchemaObject = {}): SchemaObject => ({ type: 'array', items, ...extra });
/** A JSON object whose keys are not fixed (an event's data, an instance's context). */
export const anyObject = (description: string): SchemaObject => ({ type: 'object', additionalProperties: true, description });
/** `schema` or null (a named schema is an object: OpenAPI 3.0 wants the type beside `nullable`). */
export const nullable = (schema: Schema): SchemaObject =>
  '$ref' in schema ? { type: 'object', allOf: [schema], nullable: true } : { ...schema, nullable: true };

/** An object with every property of `required` always present, and those of `optional` sometimes. */
export const object = (required: Record<string, Schema>, optional: Record<string, Schema> = {}, extra: SchemaObject = {}): SchemaObject => ({
  type: 'object',
  required: Object.keys(required),
  properties: { ...required, ...optional },
  ...extra,
});

const NAMED = new Map<string, SchemaObject>();

/** Registers `schema` as components.schemas[name] of the document and answers its reference. */
export function named(name: string, schema: SchemaObject): ReferenceObject {
  if (NAMED.has(name) && NAMED.get(name) !== schema) throw new Error(`OpenAPI schema ${name} is defined twice`);
  NAMED.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/** Every schema registered with {@link named}. */
export const namedSchemas = (): Record<string, SchemaObject> => Object.fromEntries(NAMED);

/** A read model page as the list routes answer it: `position` is the checkpoint behind the rows. */
export const pageOf = (item: Schema, extra: Record<string, Schema> = {}): SchemaObject =>
  object({
    items: arrayOf(item),
    total: int({ description: 'Rows matching the filters, all pages together' }),
    position: str({ description: 'Checkpoint: the log position the rows reflect ("0": nothing applied yet)', example: '42' }),
    ...extra,
  });

const scalarOf = (value: unknown): SchemaObject =>
  Array.isArray(value)
    ? arrayOf({ type: 'object', additionalProperties: true })
    : typeof value === 'number'
      ? Number.isInteger(value)
        ? int()
        : num()
      : typeof value === 'boolean'
        ? bool()
        : str();

/** A flat read-model row from an example of it: every key always present, those in `nullable` possibly null. */
export function rowOf<T extends object>(example: T, nullable: readonly (keyof T & string)[]): SchemaObject {
  const columns = Object.entries(example).map(([key, value]): [string, Schema] => {
    const schema = { ...scalarOf(value), example: value };
    return [key, nullable.includes(key as keyof T & string) ? { ...schema, nullable: true } : schema];
  });
  return object(Object.fromEntries(columns));
}
