import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModelBehind } from '../read-models/read-model-behind.error';
import { toProblem } from './problem';
import type { LoggedRequest } from './request-log';

/** The one place errors become HTTP: `application/problem+json`, no stack traces or internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(http.getResponse<FastifyReply>(), request, error, this.logger);
  }
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: unknown, logger: Logger): void {
  const { problem, internal } = toProblem(error);
  (request as LoggedRequest).problem = problem.code;
  // A read model still behind a client's X-Min-Position is an answer, not a fault: not logged.
  if (internal && !(error instanceof ReadModelBehind))
    logger.error({ msg: 'unhandled error', reqId: request.id, url: request.url, err: error instanceof Error ? error.stack : String(error) });
  if (problem.status === 503) void reply.header('retry-after', '1');
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json')
    .send({ ...problem, instance: request.url });
}
