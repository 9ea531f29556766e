import 'reflect-metadata';
import fc from 'fast-check';
import fastify, { type FastifyInstance } from 'fastify';
import { createApiLog } from '../infrastructure/api-logger';
import { fastifyLogging, logRequests, type LoggedRequest } from './request-log';

/** What the request learns on its way, set by the test (the auth guard and the problem filter set it in the API). */
let learnt: { principal?: string; problem?: string } = {};

/** A Fastify app with the API's request log (NODE_ENV=test: the JSON lines through process.stdout). */
async function app(): Promise<FastifyInstance> {
  const log = createApiLog('info', 'test');
  const server = fastify({ ...(fastifyLogging(log) as object), disableRequestLogging: true, genReqId: (req) => String(req.headers['x-correlation-id']) });
  logRequests(server, log);
  server.addHook('preHandler', async (request: LoggedRequest) => {
    if (learnt.principal !== undefined) request.principal = { id: learnt.principal, role: 'admin' };
    if (learnt.problem !== undefined) request.problem = learnt.problem;
  });
  server.post('/coes/:id/activities', async (_request, reply) => reply.code(201).send({ ok: true }));
  server.get('/warns', async (request) => {
    request.log.warn('Fastify warns about this request');
    return {};
  });
  await server.ready();
  return server;
}

async function linesOf(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    await work();
  } finally {
    out.mockRestore();
  }
  const text = written.join('');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the request log', () => {
  let server: FastifyInstance;
  beforeAll(async () => (server = await app()));
  afterAll(() => server.close());

  it('writes one JSON line per request whatever its path, principal or problem text holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        // "." and ".." are dot segments, not ids: the URL resolves them away (another route, a 404).
        fc.string({ minLength: 1, maxLength: 30 }).filter((id) => id !== '.' && id !== '..'),
        fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
        fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
        async (id, principal, problem) => {
          learnt = { principal, problem };
          const path = `/coes/${encodeURIComponent(id)}/activities`;
          const lines = await linesOf(() => server.inject({ method: 'POST', url: path, headers: { 'x-correlation-id': 'c-1' }, payload: { secret: id } }));
          expect(lines).toEqual([
            {
              level: 30,
              time: expect.any(String),
              reqId: 'c-1',
              principal: principal ?? null,
              method: 'POST',
              route: '/coes/:id/activities',
              command: null,
              status: 201,
              problem: problem ?? null,
              durationMs: expect.any(Number),
              msg: 'request',
            },
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('logs a request to no route with no route, and any URL text stays inside its line', async () => {
    learnt = {};
    await fc.assert(
      fc.asyncProperty(fc.webPath(), async (path) => {
        const lines = await linesOf(() => server.inject({ method: 'GET', url: `/nowhere${path}`, headers: { 'x-correlation-id': 'c-2' } }));
        expect(lines).toEqual([expect.objectContaining({ reqId: 'c-2', route: null, status: 404 })]);
      }),
      { numRuns: 50 },
    );
  });

  it("keeps the request id on Fastify's own messages about a request", async () => {
    learnt = {};
    const lines = await linesOf(() => server.inject({ method: 'GET', url: '/warns', headers: { 'x-correlation-id': 'c-3' } }));
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, reqId: 'c-3', msg: 'Fastify warns about this request' }),
      expect.objectContaining({ level: 30, reqId: 'c-3', msg: 'request', route: '/warns', status: 200 }),
    ]);
  });
});
