import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

/** Where a command answer keeps its log position for the header (a symbol: never serialised into the body). */
export const LOG_POSITION = Symbol('logPosition');
/** Set on a command answer that replays the first run of its Idempotency-Key (nothing was appended). */
export const IDEMPOTENT_REPLAYED = Symbol('idempotentReplayed');

interface HeaderSink {
  setHeader(name: string, value: string): void;
  removeHeader(name: string): void;
}
type HelmetMiddleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void;
/** The `helmet` that @fastify/helmet depends on (resolved from it, so the versions always match). */
const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (options: object) => HelmetMiddleware;

/**
 * The security headers helmet would set with these options, computed once. @fastify/helmet
 * rebuilds the helmet middleware (parsing the CSP directives again) on every request and adds two
 * hooks, one async; the headers do not depend on the request, so setting a precomputed set is the
 * same answer for a fraction of the cost.
 */
export function securityHeaders(options: object): Record<string, string> {
  const headers: Record<string, string> = {};
  const sink: HeaderSink = {
    setHeader: (name, value) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({}, sink, (error) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Headers every answer carries, set by plain Fastify hooks (no Nest interceptor, so no RxJS
 * pipeline and no AsyncResource.bind per request):
 * - the security headers (see securityHeaders) and the correlation id its log lines and events carry;
 * - on an answer with a numeric `revision` (a command's, or an instance's), the revision as a
 *   strong ETag, ready for the next If-Match, and for a command the global log position of its last
 *   event as `X-Log-Position`, ready for the `X-Min-Position` of a read-model query (read-your-writes);
 * - `Idempotent-Replayed: true` on the answer to a retried Idempotency-Key (Stripe's header).
 */
export function addResponseHeaders(fastify: FastifyInstance, helmetOptions: object): void {
  const security = securityHeaders(helmetOptions);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(security);
    void reply.header('x-correlation-id', request.id);
    done();
  });
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    const answer = payload as { revision?: unknown; [LOG_POSITION]?: unknown; [IDEMPOTENT_REPLAYED]?: unknown } | null;
    if (typeof answer?.revision === 'number') void reply.header('ETag', `"${answer.revision}"`);
    if (typeof answer?.[LOG_POSITION] === 'string') void reply.header('X-Log-Position', answer[LOG_POSITION]);
    if (answer?.[IDEMPOTENT_REPLAYED] === true) void reply.header('Idempotent-Replayed', 'true');
    done(null, payload);
  });
}
