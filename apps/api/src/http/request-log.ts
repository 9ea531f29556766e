import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/api-keys';

/** What a request learns on its way, for its log line: who (the auth guard), the problem code of a refusal (the problem filter). */
export interface LoggedRequest extends FastifyRequest {
  principal?: Principal;
  problem?: string;
}

/** @nestjs/swagger's key for `@ApiOperation` (its `DECORATORS.API_OPERATION`). */
const API_OPERATION = 'swagger/apiOperation';

/**
 * One line per answered request, at `info`, on the request's logger (which carries its `reqId`,
 * the correlation id): principal, method, route (the pattern, not the URL with ids), command (the
 * route's operationId), status, problem code, duration. No bodies, no headers. The command is
 * named once per route, when Nest registers it (Nest copies the handler's metadata onto the
 * function it gives Fastify), so a request pays for nothing but its line.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const operation = Reflect.getMetadata(API_OPERATION, route.handler) as { operationId?: string } | undefined;
    route.config = { ...(route.config as object | undefined), command: operation?.operationId ?? null };
  });
  fastify.addHook('onResponse', (request: LoggedRequest, reply, done) => {
    request.log.info(
      {
        principal: request.principal?.id ?? null,
        method: request.method,
        route: request.routeOptions.url ?? null,
        command: (request.routeOptions.config as { command?: string | null } | undefined)?.command ?? null,
        status: reply.statusCode,
        problem: request.problem ?? null,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
}
