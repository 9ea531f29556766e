import { applyDecorators, Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DefinitionRegistry, type EventMetadata, type JsonObject } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Programme } from '@apo/programmes';
import { BCN, COE, readInstanceEvents } from '../audit/shared/instance-stream';
import { Roles } from '../auth/roles.decorator';
import { anyObject, arrayOf, int, named, object, str } from '../http/openapi-schema';
import { ProblemDto } from '../http/problem.dto';
import { EVENT_STORE } from '../infrastructure/tokens';
import { OpensPersonalData } from '../privacy/personal-data-access';

/** One event as the people who work with the instance see it: what happened, when (business and recorded), who, and what changed. */
export interface TimelineEntry {
  readonly revision: number;
  readonly type: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly actor: EventMetadata['actor'];
  readonly from: string;
  readonly to: string;
  readonly data: JsonObject;
}

const TIMELINE = named(
  'InstanceTimeline',
  object({
    id: str(),
    events: arrayOf(
      named(
        'TimelineEntry',
        object({
          revision: int(),
          type: str({ example: 'AssessmentRecorded' }),
          effectiveDate: str({ description: 'The business date (YYYY-MM-DD)', example: '2031-03-31' }),
          recordedAt: str({ description: 'When the engine recorded it (ISO 8601)' }),
          actor: object({ id: str({ example: 'dev-assessor' }), role: str({ example: 'assessor' }) }),
          from: str({ description: 'The state before' }),
          to: str({ description: 'The state after' }),
          data: anyObject("The event's data"),
        }),
      ),
    ),
  }),
);

const READERS = ['assessor', 'admin', 'auditor', 'reporter'] as const;
const documented = (label: string, operationId: string) =>
  applyDecorators(
    Roles(...READERS),
    ApiOperation({
      operationId,
      summary: `The events of one ${label} for every reader role: type, business date, recorded time, actor, states and data (the audit history adds ids and hashes)`,
    }),
    ApiOkResponse({ description: 'Oldest first', schema: TIMELINE }),
    ApiResponse({ status: 404, type: ProblemDto, description: `NOT_FOUND: no ${label} with this id` }),
  );

/** GET /coes/:id/events and /bcn-exchanges/:id/events: the timeline an instance's page shows to everyone who may read it. */
@ApiTags('timeline')
@ApiBearerAuth()
// Time travel and timelines show personal values opened or withheld, never sealed.
@OpensPersonalData()
@Controller()
export class TimelineController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
  ) {}

  @Get('coes/:id/events')
  @documented('COE', 'getCoeEvents')
  coe(@Param('id') id: string): Promise<{ id: string; events: TimelineEntry[] }> {
    return this.timeline(COE, id);
  }

  @Get('bcn-exchanges/:id/events')
  @documented('BCN exchange', 'getBcnExchangeEvents')
  bcn(@Param('id') id: string): Promise<{ id: string; events: TimelineEntry[] }> {
    return this.timeline(BCN, id);
  }

  private async timeline(of: Programme, id: string): Promise<{ id: string; events: TimelineEntry[] }> {
    const { events } = await readInstanceEvents(this.store, this.registry, of, id);
    return {
      id,
      events: events.map(({ revision, type, data, metadata }) => {
        const m = metadata as unknown as EventMetadata;
        return { revision, type, effectiveDate: m.effectiveDate, recordedAt: m.recordedAt, actor: m.actor, from: m.from, to: m.to, data };
      }),
    };
  }
}
