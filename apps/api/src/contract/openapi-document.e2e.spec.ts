import { createConfig, lintFromString } from '@redocly/openapi-core';
import { createDefinitions } from '@apo/programmes';
import { ApiHarness } from '../testing/api-harness';
import { resolveRef, type SchemaNode } from '../testing/api-client/schema-conformance';
import type { OpenApiDocument } from '../testing/api-client/api-client';

interface Response {
  readonly description: string;
  readonly content?: Record<string, { readonly schema?: SchemaNode }>;
}
interface Operation {
  readonly name: string;
  readonly responses: Record<string, Response>;
}

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };
/** The one error answer that is not a problem: /health answers its own body, status down, with 503. */
const NOT_PROBLEMS = ['GET /health 503'];

const operationsOf = (document: OpenApiDocument): Operation[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      responses: operation.responses as Record<string, Response>,
    })),
  );

/** A schema a generated client can type: it says what the value is, not only what it looks like. */
const typed = (schema: SchemaNode | undefined): boolean =>
  schema !== undefined && (schema.type !== undefined || schema.$ref !== undefined || (schema.allOf ?? schema.oneOf ?? schema.anyOf ?? []).length > 0);

/** Every `$ref` anywhere in `value`. */
const refsIn = (value: unknown): string[] =>
  value === null || typeof value !== 'object' ? [] : Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));

describe('the OpenAPI document GET /docs-json serves (all of it)', () => {
  const h = new ApiHarness();
  let document: OpenApiDocument;
  let operations: Operation[];
  beforeAll(async () => {
    await h.start();
    const answer = await fetch(`${h.api.url}/docs-json`);
    document = (await answer.json()) as OpenApiDocument;
    operations = operationsOf(document);
  }, 30_000);
  afterAll(() => h.stop());

  it('lists the COE and BCN commands and queries, the audit, reports, deadlines, notifications, imports and operations routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(68);
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        'GET /coes/{id}',
        'GET /coes',
        'GET /coes/{id}/history',
        'GET /coes/{id}/state',
        'GET /coes/{id}/verify',
        'GET /audit/seal',
        'POST /coes/{id}/advance',
        'GET /health',
      ]),
    );
  });

  it('names on every command operation the events its command may append (x-emits, events of its programme) and the roles that may issue it (x-roles)', () => {
    const [, coe, bcn] = createDefinitions();
    const programmes = [
      { prefix: '/coes/{id}/', definition: coe },
      { prefix: '/bcn-exchanges/{id}/', definition: bcn },
    ];
    let commands = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      const programme = programmes.find((p) => path.startsWith(p.prefix));
      const operation = item.post as { operationId?: string; 'x-emits'?: string[]; 'x-roles'?: string[] } | undefined;
      if (!programme || !operation?.['x-emits']) continue;
      commands++;
      const type = String(operation.operationId).replace(/^./, (c) => c.toUpperCase());
      const spec = programme.definition.commands[type];
      expect({ path, emits: operation['x-emits'], roles: operation['x-roles'] }).toEqual({ path, emits: spec.emits, roles: spec.roles });
      for (const event of operation['x-emits']) expect([path, programme.definition.eventTypes.includes(event)]).toEqual([path, true]);
    }
    const routed = programmes.flatMap((p) => Object.values(p.definition.commands).filter((spec) => spec.http));
    expect(commands).toBe(routed.length);
  });

  it('every operation answers a 2xx with a typed schema for each media type (or 204, no content)', () => {
    const untyped = operations.flatMap((operation) => {
      const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      if (successes.length === 0) return [`${operation.name}: no 2xx answer`];
      return successes.flatMap(([status, response]) => {
        if (status === '204') return response.content === undefined ? [] : [`${operation.name} 204: has content`];
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) return [`${operation.name} ${status}: no content`];
        return content.filter(([, media]) => !typed(media.schema)).map(([type]) => `${operation.name} ${status} ${type}: no typed schema`);
      });
    });
    expect(untyped).toEqual([]);
  });

  it('every 4xx and 5xx answer is application/problem+json with the problem schema, its description naming the code', () => {
    const errors = operations.flatMap((operation) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ at: `${operation.name} ${status}`, response })),
    );
    expect(errors.length).toBeGreaterThan(operations.length * 3);
    const wrong = errors
      .filter(({ at, response }) => !NOT_PROBLEMS.includes(at) && JSON.stringify(response.content) !== JSON.stringify(PROBLEM))
      .map(({ at }) => at);
    expect(wrong).toEqual([]);
    const unnamed = errors
      .filter(({ at, response }) => !NOT_PROBLEMS.includes(at) && !/^[A-Z][A-Z0-9_.]+\b/.test(response.description))
      .map(({ at, response }) => `${at}: ${response.description}`);
    expect(unnamed).toEqual([]);
  });

  it('every operation behind the API key declares 401, 403 and 429, and every one 500', () => {
    const missing = operations.flatMap((operation) => {
      const guarded = operation.name !== 'GET /health';
      const expected = guarded ? ['401', '403', '429', '500'] : ['500'];
      return expected.filter((status) => operation.responses[status] === undefined).map((status) => `${operation.name} ${status}`);
    });
    expect(missing).toEqual([]);
  });

  it('every $ref resolves to a schema of the document', () => {
    const refs = [...new Set(refsIn(document))];
    expect(refs.length).toBeGreaterThan(20);
    const unresolved = refs.filter((ref) => {
      try {
        resolveRef(document, ref);
        return false;
      } catch {
        return true;
      }
    });
    expect(unresolved).toEqual([]);
  });

  it('is a valid OpenAPI 3.0 document (its structure checked by Redocly, every reference resolved)', async () => {
    const config = await createConfig({ rules: { struct: 'error', 'no-unresolved-refs': 'error' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/docs-json', config });
    expect(problems.map((p) => `${p.location[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
  });

  it('an error answer really is application/problem+json with the documented fields', async () => {
    const answer = await fetch(`${h.api.url}/coes/no-such-coe`, { headers: { authorization: `Bearer ${h.keys.reporter}` } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await answer.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', type: 'urn:apo:problem:not_found', title: 'Not Found' });
  });
});
