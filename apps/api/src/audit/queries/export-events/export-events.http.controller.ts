import { Readable } from 'node:stream';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CSV_COLUMNS, exportChunks, type ExportFormat } from '@apo/audit';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { BCN, COE } from '../../shared/instance-stream';
import { preferredType } from '../../shared/media-type';
import type { EventSource } from './export-events.handler';
import { ExportEventsQuery } from './export-events.query';
import { ExportEventsRequestDto } from './export-events.request.dto';

const TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

const ok = ApiOkResponse({
  description: 'Every event with all metadata, streamed: JSON Lines (one stored event per line) or RFC 4180 CSV with a header row',
  content: {
    [TYPES.jsonl]: {
      schema: {
        type: 'string',
        description: 'One JSON object per line: position (decimal string), streamId, revision, eventId, type, createdAt, data, metadata; an event the store cannot read: position, streamId, revision, unreadable { part, reason }',
      },
    },
    [TYPES.csv]: { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n` } },
  },
});

@Controller()
export class ExportEventsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('coes/:id/export')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Export one COE: every event as JSON Lines or CSV (Accept: text/csv or ?format=csv)', operationId: 'exportCoe' })
  @ok
  async coe(@Param('id') id: string, @Query() q: ExportEventsRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    return this.send(await this.queries.execute<ExportEventsQuery, EventSource>(new ExportEventsQuery({ programme: COE, id })), q, accept, reply, `coe-${id}`);
  }

  @Get('bcn-exchanges/:id/export')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Export one BCN exchange: every event as JSON Lines or CSV (Accept: text/csv or ?format=csv)', operationId: 'exportBcnExchange' })
  @ok
  async bcn(@Param('id') id: string, @Query() q: ExportEventsRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const instance = { programme: BCN, id };
    return this.send(await this.queries.execute<ExportEventsQuery, EventSource>(new ExportEventsQuery(instance)), q, accept, reply, `bcn-${id}`);
  }

  @Get('audit/export')
  @AuditRoute()
  @ApiOperation({ summary: 'Export the whole log in log order, streamed with constant memory: JSON Lines or CSV', operationId: 'exportStore' })
  @ok
  async store(@Query() q: ExportEventsRequestDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    return this.send(await this.queries.execute<ExportEventsQuery, EventSource>(new ExportEventsQuery()), q, accept, reply, 'events');
  }

  /** A stream Fastify pipes to the client with backpressure; a client that goes away stops the read. */
  private send(events: EventSource, q: ExportEventsRequestDto, accept: string | undefined, reply: FastifyReply, name: string): Readable {
    const type = q.format ? TYPES[q.format] : preferredType(accept, [TYPES.jsonl, TYPES.csv, 'application/json'] as const);
    const format: ExportFormat = type === TYPES.csv ? 'csv' : 'jsonl';
    void reply
      .header('Content-Type', `${TYPES[format]}; charset=utf-8`)
      .header('Content-Disposition', `attachment; filename="${name}.${format}"`)
      .header('Vary', 'Accept');
    return Readable.from(exportChunks(events, format));
  }
}
