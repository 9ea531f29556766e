import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { mismatches, type SchemaDocument, type SchemaNode } from './schema-conformance';

/** The media types the client reads as JSON: answers and problems (CSV, text and JSON Lines are read with `parseAs: 'text'`). */
type JsonMedia = 'application/json' | 'application/problem+json';

/** The API through the client generated from its OpenAPI document (`npm run openapi:client`). */
export type ApiClient = Client<paths, JsonMedia>;

interface OpenApiOperation {
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema?: SchemaNode }> }>;
}
export type OpenApiDocument = SchemaDocument & { readonly paths: Record<string, Record<string, OpenApiOperation>> };

/** Thrown (by the client's call) when an answer is not what the document says the operation answers. */
export class ContractBroken extends Error {}

/**
 * Checks every JSON answer against the schema the document declares for its operation, status
 * and media type: an answer the document does not describe, or describes otherwise, fails the
 * call. `called` collects the operations called (`GET /coes/{id}`).
 */
export function conformsTo(document: OpenApiDocument, called = new Set<string>()): Middleware {
  return {
    async onResponse({ request, response, schemaPath }) {
      called.add(`${request.method} ${schemaPath}`);
      const declared = document.paths[schemaPath]?.[request.method.toLowerCase()]?.responses[String(response.status)];
      const where = `${request.method} ${schemaPath} ${response.status}`;
      if (!declared) throw new ContractBroken(`${where}: status not declared`);
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
      if (response.status === 204 || mediaType === '') return undefined;
      const content = declared.content?.[mediaType];
      if (!content?.schema) throw new ContractBroken(`${where}: ${mediaType} not declared`);
      if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) return undefined;
      const problems = mismatches(document, content.schema, await response.clone().json());
      if (problems.length > 0) throw new ContractBroken(`${where} ${mediaType}:\n  ${problems.join('\n  ')}`);
      return undefined;
    },
  };
}

/** A typed client for `baseUrl` with `key` as its bearer token; with a contract, checking answers against its document (see {@link conformsTo}). */
export function apiClient(baseUrl: string, key: string, contract?: { document: OpenApiDocument; called?: Set<string> }): ApiClient {
  const client = createClient<paths, JsonMedia>({ baseUrl, headers: { authorization: `Bearer ${key}` } });
  if (contract) client.use(conformsTo(contract.document, contract.called));
  return client;
}
