import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

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
  if (internal) logger.error({ msg: 'unhandled error', reqId: request.id, url: request.url, err: error instanceof Error ? error.stack : String(error) });
  void reply.status(problem.status).header('content-type', 'application/problem+json').send({ ...problem, instance: request.url });
}
