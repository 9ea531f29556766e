import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { stateAt, type AsOf, type StateAt } from '@apo/audit';
import { DefinitionRegistry, isOverdueOn, ValidationError, type Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { Programme } from '@apo/programmes';
import { todayOf } from '../../http/today';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { STATE_AT } from '../shared/audit-schemas';
import { AuditRoute } from '../shared/audit-route.decorator';
import { BCN, COE, readInstanceEvents } from '../shared/instance-stream';
import { GetStateRequestDto } from './state.request.dto';
import { OpensPersonalData } from '../../privacy/personal-data-access';

/** `overdue`: a deadline the definition holds open is past due on the day asked about (null for a revision, or as shown at a recorded time). */
export type StateAtView = StateAt & { id: string; overdue: boolean | null };

const DESCRIPTION =
  'See docs/audit.md, "Time travel": ?asOf=<business date> replays the facts in effect then (entered late or not, as corrected); ?asAt=<recorded time> only what was recorded by then; both together: as of a date by what was known then.';

/** `asOf` (or its earlier name `at`; both: a 400 unless equal), `asAt` and `revision` as the audit reads them. */
function asOf(q: GetStateRequestDto): AsOf {
  if (q.asOf !== undefined && q.at !== undefined && q.asOf !== q.at) {
    throw new ValidationError([{ field: 'at', message: 'give asOf or at (the same parameter), not both' }]);
  }
  const at = q.asOf ?? q.at;
  return {
    ...(at !== undefined ? { at } : {}),
    ...(q.asAt !== undefined ? { asAt: q.asAt } : {}),
    ...(q.revision !== undefined ? { revision: q.revision } : {}),
  };
}

/** Time travel for each programme's collection: one instance as of a date or revision, replayed through the definition version it was written with. */
// Time travel and timelines show personal values opened or withheld, never sealed.
@OpensPersonalData()
@Controller()
export class GetStateController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('coes/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({
    summary: 'Time travel: state, context, allowed events and due date of one COE as of ?asOf=YYYY-MM-DD and/or ?asAt=<recorded time>, or ?revision=N',
    description: DESCRIPTION,
    operationId: 'getCoeState',
  })
  @ApiOkResponse({ schema: STATE_AT })
  coe(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.state(COE, id, asOf(q));
  }

  @Get('bcn-exchanges/:id/state')
  @AuditRoute({ instance: true, unreadable: true })
  @ApiOperation({
    summary: 'Time travel: state, context and allowed events of one BCN exchange as of ?asOf=YYYY-MM-DD and/or ?asAt=<recorded time>, or ?revision=N',
    description: DESCRIPTION,
    operationId: 'getBcnExchangeState',
  })
  @ApiOkResponse({ schema: STATE_AT })
  bcn(@Param('id') id: string, @Query() q: GetStateRequestDto): Promise<StateAtView> {
    return this.state(BCN, id, asOf(q));
  }

  private async state(of: Programme, id: string, at: AsOf): Promise<StateAtView> {
    const { streamId, events } = await readInstanceEvents(this.store, this.registry, of, id);
    const s = stateAt(this.registry, streamId, events, at);
    // Overdue on the business day asked about (today when none; no day for a revision or a state
    // as shown at a recorded time): one of the deadlines the definition holds open is past due.
    const day = at.revision !== undefined || (at.asAt !== undefined && at.at === undefined) ? undefined : (at.at ?? todayOf(this.clock));
    const definition = this.registry.get(s.definition, s.version);
    // As of a business date: what it owed then, however late its history was entered; now: what is open.
    const overdue = day === undefined ? null : isOverdueOn(definition, s.state, s.context, day, at.at === undefined ? 'open' : 'owed');
    return { id, ...s, overdue };
  }
}
