import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { checkStream, formatTimeline, historyOf, type AuditDivergence, type InstanceHistory } from '@apo/audit';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Programme } from '@apo/programmes';
import { sealedSubjects, type PersonalData } from '@apo/personal-data';
import { EVENT_STORE, PERSONAL_DATA } from '../../infrastructure/tokens';
import { INSTANCE_HISTORY } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';
import { BCN, COE, readInstanceEvents } from '../shared/instance-stream';
import { preferredType } from '../shared/media-type';
import { GetHistoryRequestDto } from './history.request.dto';

export type InstanceHistoryView = InstanceHistory & {
  id: string;
  verification: { ok: boolean; divergences: readonly AuditDivergence[] };
  /** The data subjects whose sealed values in these events can no longer be opened (erased on request). */
  erasedSubjects: string[];
};

const timelineOk = ApiOkResponse({
  description: 'JSON, or text/plain (Accept: text/plain or ?format=timeline): a timeline ending with the verdict of verify',
  content: { 'application/json': { schema: INSTANCE_HISTORY }, 'text/plain': { schema: { type: 'string' } } },
});

/** The full history of one instance, for each programme's collection: every event with all its metadata, and whether the stream verifies. */
// Events as stored: sealed personal values stay sealed, so the hashes in the answer verify.
@Controller()
export class GetHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
    @Inject(PERSONAL_DATA) private readonly personal: PersonalData,
  ) {}

  @Get('coes/:id/history')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({
    summary: 'Every event of one COE with all metadata (actor, ids, dates, from/to, hashes), as JSON or a readable timeline',
    operationId: 'getCoeHistory',
  })
  @timelineOk
  coe(
    @Param('id') id: string,
    @Query() q: GetHistoryRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.history(COE, id, q, accept, reply);
  }

  @Get('bcn-exchanges/:id/history')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Every event of one BCN exchange with all metadata, as JSON or a readable timeline', operationId: 'getBcnExchangeHistory' })
  @timelineOk
  bcn(
    @Param('id') id: string,
    @Query() q: GetHistoryRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.history(BCN, id, q, accept, reply);
  }

  private async history(
    of: Programme,
    id: string,
    q: GetHistoryRequestDto,
    accept: string | undefined,
    reply: FastifyReply,
  ): Promise<InstanceHistoryView | string> {
    const { streamId, events } = await readInstanceEvents(this.store, this.registry, of, id);
    const { divergences } = checkStream(this.registry, streamId, events);
    const erasedSubjects: string[] = [];
    for (const subject of sealedSubjects(events)) if (await this.personal.keys.isErased(subject)) erasedSubjects.push(subject);
    const history: InstanceHistoryView = { id, ...historyOf(streamId, events), verification: { ok: divergences.length === 0, divergences }, erasedSubjects };
    void reply.header('Vary', 'Accept');
    const timeline = q.format === 'timeline' || (q.format === undefined && preferredType(accept, ['application/json', 'text/plain']) === 'text/plain');
    if (!timeline) return history;
    void reply.header('Content-Type', 'text/plain; charset=utf-8');
    return formatTimeline(history, history.verification.divergences);
  }
}
