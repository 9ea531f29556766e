import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Where a command answer keeps its log position for the header (a symbol: never serialised into the body). */
export const LOG_POSITION = Symbol('logPosition');

/**
 * Command answers carry the new revision as a strong ETag, ready for the next If-Match, and the
 * global log position of the command's last event as `X-Log-Position`, ready for the
 * `X-Min-Position` of a read-model query (read-your-writes).
 */
@Injectable()
export class RevisionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const answer = body as { revision?: unknown; [LOG_POSITION]?: unknown } | undefined;
        const reply = context.switchToHttp().getResponse<FastifyReply>();
        if (typeof answer?.revision === 'number') void reply.header('ETag', `"${answer.revision}"`);
        if (typeof answer?.[LOG_POSITION] === 'string') void reply.header('X-Log-Position', answer[LOG_POSITION]);
        return body;
      }),
    );
  }
}
