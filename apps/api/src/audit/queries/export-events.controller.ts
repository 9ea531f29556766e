import { Readable } from 'node:stream';
import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CSV_COLUMNS, exportChunks, readLogThrough, type ExportFormat, type StoredItem } from '@apo/audit';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { AuditRoute } from '../shared/audit-route.decorator';
import { BCN, COE, readInstanceEvents } from '../shared/instance-stream';
import { preferredType } from '../shared/media-type';
import { ExportEventsRequestDto } from './export-events.request.dto';

type EventSource = AsyncIterable<StoredItem> | Iterable<StoredItem>;

const TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

const ok = ApiOkResponse({
  description: 'Every event with all metadata, streamed: JSON Lines (one stored event per line) or RFC 4180 CSV with a header row',
  content: {
    [TYPES.jsonl]: {
      schema: {
        type: 'string',
        description:
          'One JSON object per line: position (decimal string), streamId, revision, eventId, type, createdAt, data, metadata; an event the store cannot read: position, streamId, revision, unreadable { part, reason }',
      },
    },
    [TYPES.csv]: { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n` } },
  },
});

/**
 * One instance's events (read before anything is sent, so an unknown id is a 404 and an event the
 * store cannot read a 409) or the whole log (read lazily page by page as the response is consumed,
 * an event the store cannot read exported as its place and why).
 */
// Events as stored: sealed personal values stay sealed, so the hashes in the answer verify.
@Controller()
export class ExportEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
  ) {}

  @Get('coes/:id/export')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Export one COE: every event as JSON Lines or CSV (Accept: text/csv or ?format=csv)', operationId: 'exportCoe' })
  @ok
  async coe(
    @Param('id') id: string,
    @Query() q: ExportEventsRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const { events } = await readInstanceEvents(this.store, this.registry, COE, id);
    return send(events, q, accept, reply, `coe-${id}`);
  }

  @Get('bcn-exchanges/:id/export')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Export one BCN exchange: every event as JSON Lines or CSV (Accept: text/csv or ?format=csv)', operationId: 'exportBcnExchange' })
  @ok
  async bcn(
    @Param('id') id: string,
    @Query() q: ExportEventsRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    const { events } = await readInstanceEvents(this.store, this.registry, BCN, id);
    return send(events, q, accept, reply, `bcn-${id}`);
  }

  @Get('audit/export')
  @AuditRoute()
  @ApiOperation({ summary: 'Export the whole log in log order, streamed with constant memory: JSON Lines or CSV', operationId: 'exportStore' })
  @ok
  wholeLog(@Query() q: ExportEventsRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Readable {
    return send(readLogThrough(this.store), q, accept, reply, 'events');
  }
}

/** A stream Fastify pipes to the client with backpressure; a client that goes away stops the read. */
function send(events: EventSource, q: ExportEventsRequestDto, accept: string | undefined, reply: FastifyReply, name: string): Readable {
  const type = q.format ? TYPES[q.format] : preferredType(accept, [TYPES.jsonl, TYPES.csv, 'application/json'] as const);
  const format: ExportFormat = type === TYPES.csv ? 'csv' : 'jsonl';
  void reply
    .header('Content-Type', `${TYPES[format]}; charset=utf-8`)
    .header('Content-Disposition', `attachment; filename="${name}.${format}"`)
    .header('Vary', 'Accept');
  return Readable.from(exportChunks(events, format));
}
