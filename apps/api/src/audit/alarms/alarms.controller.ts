import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { acknowledgeAlarms, TransparencyLogReader, type TransparencyAlarm } from '@apo/shared-read-models';
import type { AuthenticatedRequest } from '../../auth/auth.guard';
import { Roles } from '../../auth/roles.decorator';
import { ProblemDto } from '../../http/problem.dto';
import { CLOCK, READ_STORE } from '../../infrastructure/tokens';
import { AuditRoute } from '../shared/audit-route.decorator';
import { AcknowledgeAlarmsDto } from './alarms.request.dto';

const ALARM = {
  type: 'object',
  required: ['id', 'detectedAt', 'kind', 'summary', 'detail', 'acknowledgedAt', 'acknowledgedBy', 'ackReason'],
  properties: {
    id: { type: 'integer' },
    detectedAt: { type: 'string', format: 'date-time' },
    kind: {
      type: 'string',
      example: 'truncated',
      description: 'truncated, deleted-stream, deleted-events, rewritten, forged-checkpoint, unknown-key, unusable-checkpoint',
    },
    summary: { type: 'string', example: 'truncated tail from leaf 75 / position 76 (bcn-2031-th-vn@12): 3 event(s) of checkpoint 78 (own) are gone' },
    detail: { type: 'object', additionalProperties: true, description: 'The finding: the events and checkpoints it names' },
    acknowledgedAt: { type: 'string', format: 'date-time', nullable: true },
    acknowledgedBy: { type: 'string', nullable: true },
    ackReason: { type: 'string', nullable: true },
  },
};

/**
 * The transparency self-check's alarms (docs/audit.md, "The server defends itself"): auditors and
 * admins read them; an admin acknowledges them, which lets writes through again.
 */
@Controller('audit/alarms')
export class AuditAlarmsController {
  private readonly reader: TransparencyLogReader;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.reader = new TransparencyLogReader(readStore.db);
  }

  @Get()
  @AuditRoute()
  @ApiOperation({
    summary: 'Every alarm the self-check raised: what and where, when, and who acknowledged it why',
    description: 'While one is open (not acknowledged), every route that appends answers 503 AUDIT_ALARM.',
    operationId: 'listAuditAlarms',
  })
  @ApiOkResponse({
    schema: { type: 'object', required: ['open', 'alarms'], properties: { open: { type: 'integer' }, alarms: { type: 'array', items: ALARM } } },
  })
  async list(): Promise<{ open: number; alarms: TransparencyAlarm[] }> {
    const alarms = await this.reader.alarms();
    return { open: alarms.filter((a) => a.acknowledgedAt === null).length, alarms };
  }

  @Post('acknowledge')
  @HttpCode(200)
  @Roles('admin')
  @ApiTags('audit')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Acknowledge open alarms (admin): who, when and why are kept with each; writes are accepted again within a second',
    description:
      'Acknowledge only once the log is understood (restored, or the loss recorded): the alarm stays in the list, and the same finding is not raised again. The tree keeps the leaves it had: rebuild it (`coe projections rebuild transparency-log`) so new checkpoints sign the log as it now is.',
    operationId: 'acknowledgeAuditAlarms',
  })
  @ApiOkResponse({ schema: { type: 'object', required: ['acknowledged'], properties: { acknowledged: { type: 'array', items: { type: 'integer' } } } } })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: a reason is required' })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: admins only' })
  async acknowledge(@Body() body: AcknowledgeAlarmsDto, @Req() request: AuthenticatedRequest): Promise<{ acknowledged: number[] }> {
    const by = request.principal?.id;
    if (!by) throw new Error('POST /audit/alarms/acknowledge without authentication');
    return { acknowledged: await acknowledgeAlarms(this.readStore.db, { by, reason: body.reason, at: this.clock.now(), ids: body.ids }) };
  }
}
