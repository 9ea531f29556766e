/** The parts of an OpenAPI 3.0 schema object the API's document uses. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly allOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
}

export interface SchemaDocument {
  readonly components?: { readonly schemas?: Record<string, SchemaNode> };
}

/** The schema a local `$ref` (#/components/schemas/Name) names; throws when it names nothing. */
export function resolveRef(document: SchemaDocument, ref: string): SchemaNode {
  const name = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
  const schema = name === undefined ? undefined : document.components?.schemas?.[name];
  if (!schema) throw new Error(`unresolved $ref ${ref}`);
  return schema;
}

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/**
 * Where `value` departs from `schema` (one line each; none: it conforms): types, nullability,
 * enums, required properties, properties the schema does not declare (unless it allows more),
 * array items, allOf / oneOf / anyOf. Enough of JSON Schema for the API's own document.
 */
export function mismatches(document: SchemaDocument, schema: SchemaNode, value: unknown, at = '$'): string[] {
  if (schema.$ref) return mismatches(document, resolveRef(document, schema.$ref), value, at);
  if (value === null) return schema.nullable ? [] : [`${at}: null, not nullable`];
  if (schema.allOf) return schema.allOf.flatMap((part) => mismatches(document, part, value, at));
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && !alternatives.some((part) => mismatches(document, part, value, at).length === 0)) return [`${at}: matches none of its alternatives`];
  const actual = typeOf(value);
  if (schema.type && schema.type !== actual && !(schema.type === 'number' && actual === 'integer')) return [`${at}: ${actual}, expected ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (Array.isArray(value)) return schema.items ? value.flatMap((item, i) => mismatches(document, schema.items as SchemaNode, item, `${at}[${i}]`)) : [];
  if (actual !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const missing = (schema.required ?? []).filter((key) => !(key in object)).map((key) => `${at}.${key}: required, missing`);
  const extra =
    schema.properties !== undefined && schema.additionalProperties === undefined
      ? Object.keys(object)
          .filter((key) => !(key in properties))
          .map((key) => `${at}.${key}: not declared`)
      : [];
  const nested = Object.entries(properties).flatMap(([key, part]) => (key in object ? mismatches(document, part, object[key], `${at}.${key}`) : []));
  return [...missing, ...extra, ...nested];
}
