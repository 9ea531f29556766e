import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { formatTimeline } from '@apo/audit';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { preferredType } from '../../shared/media-type';
import type { CoeHistory } from './get-coe-history.handler';
import { GetCoeHistoryQuery } from './get-coe-history.query';
import { GetCoeHistoryRequestDto } from './get-coe-history.request.dto';

@Controller('coes')
export class GetCoeHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @AuditRoute({ instance: true })
  @ApiOperation({ summary: 'Every event of one COE with all metadata (actor, ids, dates, from/to, hashes), as JSON or a readable timeline', operationId: 'getCoeHistory' })
  @ApiOkResponse({ description: 'JSON, or text/plain (Accept: text/plain or ?format=timeline): a timeline ending with the verdict of verify' })
  async history(
    @Param('id') id: string,
    @Query() q: GetCoeHistoryRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoeHistory | string> {
    const history = await this.queries.execute<GetCoeHistoryQuery, CoeHistory>(new GetCoeHistoryQuery(id));
    void reply.header('Vary', 'Accept');
    const timeline = q.format === 'timeline' || (q.format === undefined && preferredType(accept, ['application/json', 'text/plain']) === 'text/plain');
    if (!timeline) return history;
    void reply.header('Content-Type', 'text/plain; charset=utf-8');
    return formatTimeline(history, history.verification.divergences);
  }
}
