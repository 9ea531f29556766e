import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { AuditRoute } from '../../shared/audit-route.decorator';
import type { CoeStateAt } from './get-coe-state.handler';
import { GetCoeStateQuery } from './get-coe-state.query';
import { GetCoeStateRequestDto } from './get-coe-state.request.dto';

@Controller('coes')
export class GetCoeStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/state')
  @AuditRoute({ instance: true })
  @ApiOperation({
    summary: 'Time travel: state, context, allowed events and due date of one COE as of ?at=YYYY-MM-DD or ?revision=N',
    description: 'See docs/audit.md: as of a date, the replay stops at the first event dated later; back-dated events recorded after it are listed.',
    operationId: 'getCoeState',
  })
  state(@Param('id') id: string, @Query() q: GetCoeStateRequestDto): Promise<CoeStateAt> {
    return this.queries.execute(new GetCoeStateQuery(id, { at: q.at, revision: q.revision }));
  }
}
