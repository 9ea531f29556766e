import { applyDecorators, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { ProblemDto } from '../http/problem.dto';
import { minPositionOf } from './min-position';
import { ReadModels } from './read-models';

/** Waits, before a read-model query runs, until the projections reached the client's `X-Min-Position` / `?minPosition=`. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ReadModels) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['x-min-position'];
    const min = minPositionOf(Array.isArray(header) ? header.join(',') : header, (request.query as Record<string, unknown> | undefined)?.minPosition);
    if (min !== undefined) await this.readModels.requirePosition(min.position, min.field);
    return next.handle();
  }
}

/** A query served from the read models that honours read-your-writes (documented in OpenAPI). */
export const ReadYourWrites = () =>
  applyDecorators(
    UseInterceptors(ReadYourWritesInterceptor),
    ApiHeader({
      name: 'X-Min-Position',
      required: false,
      description:
        'Wait (up to READ_MODEL_WAIT_MS, default 2 s) until the read models have applied this log position (the X-Log-Position of your last command)',
    }),
    ApiResponse({
      status: 503,
      type: ProblemDto,
      description: 'READ_MODEL_BEHIND: X-Min-Position not reached in time; retry (Retry-After). READ_STORE_UNREACHABLE or READ_STORE_CLOSED: retry later',
    }),
  );
