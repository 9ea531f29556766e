import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { INSTANCE_VERIFICATION } from '../../shared/audit-schemas';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { BCN, COE } from '../../shared/instance-stream';
import type { InstanceVerificationView } from './verify-instance.handler';
import { VerifyInstanceQuery } from './verify-instance.query';

const DESCRIPTION = '200 either way: `ok` is false and `divergences` names each (stream, revision, kind, expected, actual) when the stream does not verify.';

/** Verify one instance, for each programme's collection. */
@Controller()
export class VerifyInstanceController {
  constructor(private readonly queries: QueryBus) {}

  @Get('coes/:id/verify')
  @AuditRoute({ instance: true })
  @ApiOperation({ summary: 'Verify one COE: replay through its definition version, hash chain, gapless revisions, from/to, allowed events, log order', description: DESCRIPTION, operationId: 'verifyCoe' })
  @ApiOkResponse({ schema: INSTANCE_VERIFICATION })
  coe(@Param('id') id: string): Promise<InstanceVerificationView> {
    return this.queries.execute(new VerifyInstanceQuery(COE, id));
  }

  @Get('bcn-exchanges/:id/verify')
  @AuditRoute({ instance: true })
  @ApiOperation({ summary: 'Verify one BCN exchange: replay (its rules re-checked on every event), hash chain, gapless revisions, from/to, log order', description: DESCRIPTION, operationId: 'verifyBcnExchange' })
  @ApiOkResponse({ schema: INSTANCE_VERIFICATION })
  bcn(@Param('id') id: string): Promise<InstanceVerificationView> {
    return this.queries.execute(new VerifyInstanceQuery(BCN, id));
  }
}
