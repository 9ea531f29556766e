import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isOverdueOn, type Clock, type JsonObject, type WorkflowState } from '@apo/engine';
import { COE_DEFINITION_NAME, type CoeContext } from '@apo/coe';
import type { EventStore } from '@apo/event-store';
import { describeCoeV1Extras, foldV1Facts, NO_V1_FACTS } from '@apo/coe-read-models';
import { WorkflowService } from '@apo/workflow';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { GetCoeQuery } from './get-coe.query';

export type CoeView = JsonObject & { id: string; revision: number; definitionVersion: number; state: string; allowedEvents: string[]; overdue: boolean };

/**
 * One COE from its own stream (always current), described by the definition version it was
 * written with: state, allowed events, due date, and overdue by the one rule (`isOverdueOn`: a
 * deadline the definition holds open is past due today). A version 1 COE also shows what its
 * events say and its context does not keep: host, nominating NPO, Governing Body decisions.
 */
@QueryHandler(GetCoeQuery)
export class GetCoeHandler implements IQueryHandler<GetCoeQuery, CoeView> {
  constructor(
    private readonly workflow: WorkflowService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ id }: GetCoeQuery): Promise<CoeView> {
    const { view, state } = await this.workflow.inspect(COE_DEFINITION_NAME, id);
    const today = this.clock.now().toISOString().slice(0, 10);
    const overdue = isOverdueOn(state.definition, state.state, state.context, today);
    const extras = state.definition.version === 1 ? await this.versionOneExtras(view.streamId, state) : {};
    return { id: view.id, revision: view.revision, definitionVersion: state.definition.version, state: view.state, allowedEvents: view.allowedEvents, ...view.details, ...extras, overdue };
  }

  /** What version 2 describes and version 1 keeps only in its events (the stream up to the folded revision). */
  private async versionOneExtras(streamId: string, state: WorkflowState): Promise<JsonObject> {
    const events = await this.store.readStream(streamId, { fromRevision: 0, maxCount: state.revision + 1 });
    const facts = events.reduce(foldV1Facts, NO_V1_FACTS);
    return describeCoeV1Extras(state.definition, state.state, state.context as CoeContext, facts) as unknown as JsonObject;
  }
}
