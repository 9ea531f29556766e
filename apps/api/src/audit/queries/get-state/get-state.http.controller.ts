import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { BCN, COE } from '../../shared/instance-stream';
import type { StateAtView } from './get-state.handler';
import { GetStateQuery } from './get-state.query';
import { GetStateRequestDto } from './get-state.request.dto';

const DESCRIPTION = 'See docs/audit.md: as of a date, the replay stops at the first event dated later; back-dated events recorded after it are listed.';

/** Time travel for each programme's collection. */
@Controller()
export class GetStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get('coes/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Time travel: state, context, allowed events and due date of one COE as of ?at=YYYY-MM-DD or ?revision=N', description: DESCRIPTION, operationId: 'getCoeState' })
  coe(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.queries.execute(new GetStateQuery(COE, id, { at: q.at, revision: q.revision }));
  }

  @Get('bcn-exchanges/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Time travel: state, context and allowed events of one BCN exchange as of ?at=YYYY-MM-DD or ?revision=N', description: DESCRIPTION, operationId: 'getBcnExchangeState' })
  bcn(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.queries.execute(new GetStateQuery(BCN, id, { at: q.at, revision: q.revision }));
  }
}
