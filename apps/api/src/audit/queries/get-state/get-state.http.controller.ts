import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AsOf } from '@apo/audit';
import { ValidationError } from '@apo/engine';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { STATE_AT } from '../../shared/audit-schemas';
import { AuditRoute } from '../../shared/audit-route.decorator';
import { BCN, COE } from '../../shared/instance-stream';
import type { StateAtView } from './get-state.handler';
import { GetStateQuery } from './get-state.query';
import { GetStateRequestDto } from './get-state.request.dto';

const DESCRIPTION =
  'See docs/audit.md, "Time travel": ?asOf=<business date> replays the facts in effect then (entered late or not, as corrected); ?asAt=<recorded time> only what was recorded by then; both together: as of a date by what was known then.';

/** `asOf` (or its earlier name `at`; both: a 400 unless equal), `asAt` and `revision` as the audit reads them. */
function asOf(q: GetStateRequestDto): AsOf {
  if (q.asOf !== undefined && q.at !== undefined && q.asOf !== q.at) {
    throw new ValidationError([{ field: 'at', message: 'give asOf or at (the same parameter), not both' }]);
  }
  const at = q.asOf ?? q.at;
  return { ...(at !== undefined ? { at } : {}), ...(q.asAt !== undefined ? { asAt: q.asAt } : {}), ...(q.revision !== undefined ? { revision: q.revision } : {}) };
}

/** Time travel for each programme's collection. */
@Controller()
export class GetStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get('coes/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Time travel: state, context, allowed events and due date of one COE as of ?asOf=YYYY-MM-DD and/or ?asAt=<recorded time>, or ?revision=N', description: DESCRIPTION, operationId: 'getCoeState' })
  @ApiOkResponse({ schema: STATE_AT })
  coe(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.queries.execute(new GetStateQuery(COE, id, asOf(q)));
  }

  @Get('bcn-exchanges/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({ summary: 'Time travel: state, context and allowed events of one BCN exchange as of ?asOf=YYYY-MM-DD and/or ?asAt=<recorded time>, or ?revision=N', description: DESCRIPTION, operationId: 'getBcnExchangeState' })
  @ApiOkResponse({ schema: STATE_AT })
  bcn(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.queries.execute(new GetStateQuery(BCN, id, asOf(q)));
  }
}
