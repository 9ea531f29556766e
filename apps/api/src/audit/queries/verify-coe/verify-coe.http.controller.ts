import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { AuditRoute } from '../../shared/audit-route.decorator';
import type { CoeVerification } from './verify-coe.handler';
import { VerifyCoeQuery } from './verify-coe.query';

@Controller('coes')
export class VerifyCoeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/verify')
  @AuditRoute({ instance: true })
  @ApiOperation({
    summary: 'Verify one COE: replay through its definition version, hash chain, gapless revisions, from/to, allowed events, log order',
    description: '200 either way: `ok` is false and `divergences` names each (stream, revision, kind, expected, actual) when the stream does not verify.',
    operationId: 'verifyCoe',
  })
  verify(@Param('id') id: string): Promise<CoeVerification> {
    return this.queries.execute(new VerifyCoeQuery(id));
  }
}
