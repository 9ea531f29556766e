import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { Principal } from '../auth/api-keys';

/** What a request learns on its way, for its log line: who (the guard), which command (the route's handler), the problem code of a refusal. */
export interface LoggedRequest extends FastifyRequest {
  principal?: Principal;
  command?: string;
  problem?: string;
}

/** @nestjs/swagger's key for `@ApiOperation` (its `DECORATORS.API_OPERATION`). */
const API_OPERATION = 'swagger/apiOperation';
const commands = new WeakMap<object, string>();

/** The route's `operationId` (e.g. `recordActivity`), else `Controller.method`. */
function commandOf(context: ExecutionContext): string {
  const handler = context.getHandler();
  let command = commands.get(handler);
  if (command === undefined) {
    const operation = Reflect.getMetadata(API_OPERATION, handler) as { operationId?: string } | undefined;
    command = operation?.operationId ?? `${context.getClass().name}.${handler.name}`;
    commands.set(handler, command);
  }
  return command;
}

/** Names the command a request runs, for its log line; answers nothing else. */
@Injectable()
export class NameCommandInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getRequest<LoggedRequest>().command = commandOf(context);
    return next.handle();
  }
}

/**
 * One line per answered request, at `info`, on the request's logger (which carries its `reqId`,
 * the correlation id): principal, method, route (the pattern, not the URL with ids), command,
 * status, problem code, duration. No bodies, no headers.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request: LoggedRequest, reply, done) => {
    request.log.info(
      {
        principal: request.principal?.id ?? null,
        method: request.method,
        route: request.routeOptions.url ?? null,
        command: request.command ?? null,
        status: reply.statusCode,
        problem: request.problem ?? null,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
}
