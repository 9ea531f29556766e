import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '@apo/event-store';
import { Public } from '../auth/roles.decorator';
import { CoeOverviewIndex } from '../coe/queries/coe-overview.index';
import { ApiMetrics } from '../infrastructure/metrics';
import { EVENT_STORE, STORE_KIND } from '../infrastructure/tokens';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_KIND) private readonly kind: string,
    private readonly overview: CoeOverviewIndex,
    private readonly metrics: ApiMetrics,
  ) {}

  @Get('health')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Event store and read model status (503 when the store does not answer)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    let eventStore: { status: string; kind: string; error?: string };
    try {
      await this.store.readStream('health-probe', { maxCount: 1 });
      eventStore = { status: 'up', kind: this.kind };
    } catch (error) {
      eventStore = { status: 'down', kind: this.kind, error: error instanceof Error ? error.message : 'unreachable' };
    }
    const readModels = { status: this.overview.caughtUp ? 'up' : 'catching-up', kind: 'in-process', position: this.overview.position.toString() };
    const status = eventStore.status === 'up' ? 'ok' : 'down';
    if (status !== 'ok') void reply.status(503);
    return { status, eventStore, readModels };
  }

  @Get('metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
