import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@apo/event-store';
import { AuditAlarmGate } from '../audit/alarms/alarm-gate';
import { MetricsRoute, Public } from '../auth/roles.decorator';
import { ProblemDto } from '../http/problem.dto';
import { ApiMetrics } from '../infrastructure/metrics';
import { StreamIntegrity } from '../infrastructure/stream-integrity';
import { EVENT_STORE, STORE_KIND } from '../infrastructure/tokens';
import { ReadModels } from '../read-models/read-models';
import { HEALTH } from './health-schema';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_KIND) private readonly kind: string,
    private readonly readModels: ReadModels,
    private readonly metrics: ApiMetrics,
    private readonly integrity: StreamIntegrity,
    private readonly alarms: AuditAlarmGate,
  ) {}

  @Get('health')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Event store and read model status',
    description:
      'status: ok; degraded (200) when the read models are not being kept (runner failed, read store unreachable): commands still work, lists may be stale; degraded (200) too when a projection skipped events it cannot apply or read (readModels.failedEvents, and readModels.failed: position, projection, streamId, revision, type, error, firstSeenAt of the first ones; until the projection is rebuilt); degraded (200) too when streams break their hash chain: those instances answer 409 STREAM_INTEGRITY, every other one works; degraded (200) too while audit alarms are open (audit.openAlarms: the log no longer matches a signed checkpoint; writes answer 503 AUDIT_ALARM until an admin acknowledges them); down (503) when the event store does not answer. readModels lists every projection with position, headPosition, lagEvents, secondsBehind and state. integrity: brokenStreams (refused since start) and startupCheck (state off | running | intact | broken | failed, with the events and streams checked).',
  })
  @ApiOkResponse({ description: 'ok or degraded', schema: HEALTH })
  @ApiServiceUnavailableResponse({ description: 'down: the event store does not answer (the same body, not a problem)', schema: HEALTH })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    let eventStore: { status: string; kind: string; error?: string };
    try {
      await this.store.readStream('health-probe', { maxCount: 1 });
      eventStore = { status: 'up', kind: this.kind };
    } catch (error) {
      eventStore = { status: 'down', kind: this.kind, error: error instanceof Error ? error.message : 'unreachable' };
    }
    const readModels = await this.readModels.health();
    const integrity = this.integrity.health();
    // Only the count: what an alarm names (streams, leaves) is for authenticated callers (the 503 of a write, GET /audit/alarms).
    const audit = { openAlarms: (await this.alarms.openAlarms()).length };
    // One broken stream must not make a load balancer take the whole API out: 200, degraded.
    const status = eventStore.status !== 'up' ? 'down' : readModels.degraded || integrity.brokenStreams > 0 || audit.openAlarms > 0 ? 'degraded' : 'ok';
    if (status === 'down') void reply.status(503);
    return { status, eventStore, readModels, integrity, audit };
  }

  @Get('metrics')
  @MetricsRoute()
  @ApiBearerAuth()
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({
    summary:
      'Prometheus metrics (including apo_projection_lag_events / _lag_seconds / _position per projection, apo_audit_open_alarms); roles metrics and admin, or public with METRICS_PUBLIC=true',
  })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED (unless METRICS_PUBLIC=true)' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: for the metrics and admin roles' })
  async metricsText(): Promise<string> {
    this.metrics.auditOpenAlarms.set((await this.alarms.openAlarms()).length);
    return this.metrics.registry.metrics();
  }
}
