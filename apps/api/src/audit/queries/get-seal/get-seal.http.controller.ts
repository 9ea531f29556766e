import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Seal } from '@apo/audit';
import { SEAL } from '../../shared/audit-schemas';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { GetSealQuery } from './get-seal.query';

@Controller('audit')
export class GetSealController {
  constructor(private readonly queries: QueryBus) {}

  @Get('seal')
  @AuditRoute()
  @ApiOperation({
    summary: 'Seal: a sha256 digest over every stream head (stream id, last revision, last hash), with the heads',
    description: 'File the digest (or the whole answer); GET /audit/verify?seal=<digest> later proves nothing was appended or removed since.',
    operationId: 'getSeal',
  })
  @ApiOkResponse({ schema: SEAL })
  seal(): Promise<Seal> {
    return this.queries.execute(new GetSealQuery());
  }
}
