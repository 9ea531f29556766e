import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { verifyInstance, type InstanceVerification } from '@apo/audit';
import { DefinitionRegistry, NotFound } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Programme } from '@apo/programmes';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { INSTANCE_VERIFICATION } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';
import { BCN, COE, instanceStreamId } from '../shared/instance-stream';

export type InstanceVerificationView = InstanceVerification & { id: string };

const DESCRIPTION = '200 either way: `ok` is false and `divergences` names each (stream, revision, kind, expected, actual) when the stream does not verify.';

/** Verify one instance, for each programme's collection: replayed through its definition, its hash chain, revisions and log order checked. */
@Controller()
export class VerifyInstanceController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
  ) {}

  @Get('coes/:id/verify')
  @AuditRoute({ instance: true })
  @ApiOperation({
    summary: 'Verify one COE: replay through its definition version, hash chain, gapless revisions, from/to, allowed events, log order',
    description: DESCRIPTION,
    operationId: 'verifyCoe',
  })
  @ApiOkResponse({ schema: INSTANCE_VERIFICATION })
  coe(@Param('id') id: string): Promise<InstanceVerificationView> {
    return this.verify(COE, id);
  }

  @Get('bcn-exchanges/:id/verify')
  @AuditRoute({ instance: true })
  @ApiOperation({
    summary: 'Verify one BCN exchange: replay (its rules re-checked on every event), hash chain, gapless revisions, from/to, log order',
    description: DESCRIPTION,
    operationId: 'verifyBcnExchange',
  })
  @ApiOkResponse({ schema: INSTANCE_VERIFICATION })
  bcn(@Param('id') id: string): Promise<InstanceVerificationView> {
    return this.verify(BCN, id);
  }

  private async verify(of: Programme, id: string): Promise<InstanceVerificationView> {
    try {
      return { id, ...(await verifyInstance(this.store, this.registry, instanceStreamId(this.registry, of, id))) };
    } catch (error) {
      throw error instanceof NotFound ? new NotFound(of.label, id) : error;
    }
  }
}
