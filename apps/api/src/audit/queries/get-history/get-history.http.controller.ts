import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { formatTimeline } from '@apo/audit';
import type { Programme } from '@apo/programmes';
import { INSTANCE_HISTORY } from '../../shared/audit-schemas';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { BCN, COE } from '../../shared/instance-stream';
import { preferredType } from '../../shared/media-type';
import type { InstanceHistoryView } from './get-history.handler';
import { GetHistoryQuery } from './get-history.query';
import { GetHistoryRequestDto } from './get-history.request.dto';

const timelineOk = ApiOkResponse({
  description: 'JSON, or text/plain (Accept: text/plain or ?format=timeline): a timeline ending with the verdict of verify',
  content: { 'application/json': { schema: INSTANCE_HISTORY }, 'text/plain': { schema: { type: 'string' } } },
});

/** The full history of one instance, for each programme's collection. */
@Controller()
export class GetHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get('coes/:id/history')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Every event of one COE with all metadata (actor, ids, dates, from/to, hashes), as JSON or a readable timeline', operationId: 'getCoeHistory' })
  @timelineOk
  coe(@Param('id') id: string, @Query() q: GetHistoryRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.history(COE, id, q, accept, reply);
  }

  @Get('bcn-exchanges/:id/history')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Every event of one BCN exchange with all metadata, as JSON or a readable timeline', operationId: 'getBcnExchangeHistory' })
  @timelineOk
  bcn(@Param('id') id: string, @Query() q: GetHistoryRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.history(BCN, id, q, accept, reply);
  }

  private async history(of: Programme, id: string, q: GetHistoryRequestDto, accept: string | undefined, reply: FastifyReply): Promise<InstanceHistoryView | string> {
    const history = await this.queries.execute<GetHistoryQuery, InstanceHistoryView>(new GetHistoryQuery(of, id));
    void reply.header('Vary', 'Accept');
    const timeline = q.format === 'timeline' || (q.format === undefined && preferredType(accept, ['application/json', 'text/plain']) === 'text/plain');
    if (!timeline) return history;
    void reply.header('Content-Type', 'text/plain; charset=utf-8');
    return formatTimeline(history, history.verification.divergences);
  }
}
