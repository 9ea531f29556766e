import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { sealStore, type Seal } from '@apo/audit';
import type { Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { SEAL } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';

@Controller('audit')
export class GetSealController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('seal')
  @AuditRoute()
  @ApiOperation({
    summary: 'Seal: a sha256 digest over every stream head (stream id, last revision, last hash), with the heads',
    description: 'File the digest (or the whole answer); GET /audit/verify?seal=<digest> later proves nothing was appended or removed since.',
    operationId: 'getSeal',
  })
  @ApiOkResponse({ schema: SEAL })
  seal(): Promise<Seal> {
    return sealStore(this.store, this.clock.now().toISOString());
  }
}
