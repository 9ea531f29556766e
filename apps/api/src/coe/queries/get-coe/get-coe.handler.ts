import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isOverdueOn, type Clock, type JsonObject } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { WorkflowService } from '@apo/workflow';
import { CLOCK } from '../../../infrastructure/tokens';
import { GetCoeQuery } from './get-coe.query';

export type CoeView = JsonObject & { id: string; revision: number; definitionVersion: number; state: string; allowedEvents: string[]; overdue: boolean };

/**
 * One COE from its own stream (always current), described by the definition version it was
 * written with: state, allowed events, due date, and overdue by the one rule (`isOverdueOn`: a
 * deadline the definition holds open is past due today).
 */
@QueryHandler(GetCoeQuery)
export class GetCoeHandler implements IQueryHandler<GetCoeQuery, CoeView> {
  constructor(private readonly workflow: WorkflowService, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ id }: GetCoeQuery): Promise<CoeView> {
    const { view, state } = await this.workflow.inspect(COE_DEFINITION_NAME, id);
    const today = this.clock.now().toISOString().slice(0, 10);
    const overdue = isOverdueOn(state.definition, state.state, state.context, today);
    return { id: view.id, revision: view.revision, definitionVersion: state.definition.version, state: view.state, allowedEvents: view.allowedEvents, ...view.details, overdue };
  }
}
