/** The part of a JSON Schema (OpenAPI 3.0 flavour) the forms read. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly enum?: readonly (string | number)[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly description?: string;
  readonly example?: unknown;
  readonly allOf?: readonly Schema[];
}

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: Schema }> };
  readonly 'x-emits'?: readonly string[];
  readonly 'x-roles'?: readonly string[];
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, Schema>> };
}

/** One command as the API documents it: `POST /<collection>/{id}/<path>`, the events it appends, who may issue it, its body. */
export interface CommandOperation {
  readonly operationId: string;
  /** The route as the typed client names it, e.g. `/coes/{id}/assessments`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly emits: readonly string[];
  readonly roles: readonly string[];
  /** The request body's schema, every `$ref` resolved. */
  readonly schema: Schema;
}

/** `schema` with every `$ref` replaced by the component it names (`allOf` of one, as Nest writes a described `$ref`, unwrapped). */
export function resolveSchema(document: OpenApiDocument, schema: Schema, seen: readonly string[] = []): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target || seen.includes(name)) return {};
    const { $ref: _ref, ...rest } = schema;
    return { ...resolveSchema(document, target, [...seen, name]), ...rest };
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolveSchema(document, allOf[0], seen), ...rest };
  }
  const properties = schema.properties
    ? Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, resolveSchema(document, property, seen)]))
    : undefined;
  const items = schema.items ? resolveSchema(document, schema.items, seen) : undefined;
  return { ...schema, ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
}

/** The commands of a collection (`coes`, `bcn-exchanges`), in the document's order. */
export function commandsOf(document: OpenApiDocument, collection: string): CommandOperation[] {
  const prefix = `/${collection}/{id}/`;
  return Object.entries(document.paths).flatMap(([path, item]) => {
    const operation = item.post;
    if (!path.startsWith(prefix) || !operation?.operationId || !operation['x-emits']) return [];
    const body = operation.requestBody?.content?.['application/json']?.schema;
    return [
      {
        operationId: operation.operationId,
        path,
        summary: operation.summary ?? operation.operationId,
        description: operation.description,
        emits: operation['x-emits'],
        roles: operation['x-roles'] ?? [],
        schema: body ? resolveSchema(document, body) : { type: 'object', properties: {} },
      },
    ];
  });
}

/** The commands a person in `role` may issue now: one of the events each appends is allowed now. */
export function offeredCommands(commands: readonly CommandOperation[], allowedEvents: readonly string[], role: string): CommandOperation[] {
  return commands.filter((command) => command.roles.includes(role) && command.emits.some((event) => allowedEvents.includes(event)));
}
