import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import type { Principal } from '../auth/api-keys';
import { requestLineWriter } from '../infrastructure/api-logger';
import type { RequestLine } from '../infrastructure/request-line';

/** What a request learns on its way, for its log line: who (the auth guard), the problem code of a refusal (the problem filter). */
export interface LoggedRequest extends FastifyRequest {
  principal?: Principal;
  problem?: string;
}

/** @nestjs/swagger's key for `@ApiOperation` (its `DECORATORS.API_OPERATION`). */
const API_OPERATION = 'swagger/apiOperation';

/** What a route's config carries for its line (Fastify puts the route's pattern in `url`). */
interface RouteLogConfig {
  url?: string;
  command?: string | null;
}

/**
 * One line per answered request, at `info`, on the API's log: the request id (the correlation
 * id), principal, method, route (the pattern, not the URL with ids), command (the route's
 * operationId), status, problem code, duration. No bodies, no headers. The command is named once
 * per route, when Nest registers it (Nest copies the handler's metadata onto the function it gives
 * Fastify), so a request pays for nothing but its line.
 */
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  const write = requestLineWriter(log);
  fastify.addHook('onRoute', (route) => {
    const operation = Reflect.getMetadata(API_OPERATION, route.handler) as { operationId?: string } | undefined;
    route.config = { ...(route.config as object | undefined), command: operation?.operationId ?? null };
  });
  fastify.addHook('onResponse', (request: LoggedRequest, reply, done) => {
    const config = request.routeOptions.config as RouteLogConfig | undefined;
    const line: RequestLine = {
      reqId: request.id,
      principal: request.principal?.id ?? null,
      method: request.method,
      route: config?.url ?? null,
      command: config?.command ?? null,
      status: reply.statusCode,
      problem: request.problem ?? null,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    write(line);
    done();
  });
}

/**
 * Fastify's logger options: the API's log (Fastify's own messages, such as the address it listens
 * on, go there), with `request.log` made only when something logs through it. Fastify's default
 * makes a pino child per request (bound to its id) that nothing but Fastify's rare warnings use;
 * the request line carries the id itself. `silent`: no logger at all.
 */
export function fastifyLogging(log: Logger): { logger: false } | { loggerInstance: Logger; childLoggerFactory: typeof lazyRequestLogger } {
  return log.level === 'silent' ? { logger: false } : { loggerInstance: log, childLoggerFactory: lazyRequestLogger };
}

function lazyRequestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): Logger {
  return new RequestLogger(logger as Logger, bindings, options) as unknown as Logger;
}

type Method = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** `request.log`: the child logger with the request's bindings, made on its first use. */
class RequestLogger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? (this.options.level || this.parent.level);
  }

  set level(level: string) {
    this.log.level = level;
  }

  fatal(...args: unknown[]): void {
    this.call('fatal', args);
  }

  error(...args: unknown[]): void {
    this.call('error', args);
  }

  warn(...args: unknown[]): void {
    this.call('warn', args);
  }

  info(...args: unknown[]): void {
    this.call('info', args);
  }

  debug(...args: unknown[]): void {
    this.call('debug', args);
  }

  trace(...args: unknown[]): void {
    this.call('trace', args);
  }

  silent(): void {
    // pino's silent level writes nothing.
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.log.child(bindings, options);
  }

  private get log(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private call(method: Method, args: unknown[]): void {
    (this.log[method] as (...a: unknown[]) => void).apply(this.log, args);
  }
}
