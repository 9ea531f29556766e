import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Clock, JsonObject } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { WorkflowService } from '@apo/workflow';
import { CLOCK } from '../../../infrastructure/tokens';
import { GetCoeQuery } from './get-coe.query';

export type CoeView = JsonObject & { id: string; revision: number; state: string; allowedEvents: string[]; overdue: boolean };

/** One COE from its own stream (always current): state, allowed events, due date, overdue. */
@QueryHandler(GetCoeQuery)
export class GetCoeHandler implements IQueryHandler<GetCoeQuery, CoeView> {
  constructor(private readonly workflow: WorkflowService, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ id }: GetCoeQuery): Promise<CoeView> {
    const view = await this.workflow.get(COE_DEFINITION_NAME, id);
    const today = this.clock.now().toISOString().slice(0, 10);
    const dueDate = view.details.dueDate as string | null;
    const overdue = dueDate !== null && view.state.startsWith('active.') && today > dueDate;
    return { id: view.id, revision: view.revision, state: view.state, allowedEvents: view.allowedEvents, ...view.details, overdue };
  }
}
