import { isOverdueOn, type JsonObject, type WorkflowState } from '@apo/engine';
import { COE_DEFINITION_NAME, type CoeContext } from '@apo/coe';
import type { EventStore } from '@apo/event-store';
import { describeCoeV1Extras, foldV1Facts, NO_V1_FACTS } from '@apo/coe-read-models';
import type { QuerySources } from '../../http/instance-queries';
import { todayOf } from '../../http/today';

export type CoeView = JsonObject & { id: string; revision: number; definitionVersion: number; state: string; allowedEvents: string[]; overdue: boolean };

/**
 * One COE from its own stream (always current), described by the definition version it was
 * written with: state, allowed events, due date, and overdue by the one rule (`isOverdueOn`: a
 * deadline the definition holds open is past due today). A version 1 COE also shows what its
 * events say and its context does not keep: host, nominating NPO, Governing Body decisions.
 */
export async function coeView({ workflow, store, clock }: QuerySources, id: string): Promise<CoeView> {
  const { view, state } = await workflow.inspect(COE_DEFINITION_NAME, id);
  const overdue = isOverdueOn(state.definition, state.state, state.context, todayOf(clock));
  const extras = state.definition.version === 1 ? await versionOneExtras(store, view.streamId, state) : {};
  return {
    id: view.id,
    revision: view.revision,
    definitionVersion: state.definition.version,
    state: view.state,
    allowedEvents: view.allowedEvents,
    ...view.details,
    ...extras,
    overdue,
  };
}

/** What version 2 describes and version 1 keeps only in its events (the stream up to the folded revision). */
async function versionOneExtras(store: EventStore, streamId: string, state: WorkflowState): Promise<JsonObject> {
  const events = await store.readStream(streamId, { fromRevision: 0, maxCount: state.revision + 1 });
  const facts = events.reduce(foldV1Facts, NO_V1_FACTS);
  return describeCoeV1Extras(state.definition, state.state, state.context as CoeContext, facts) as unknown as JsonObject;
}
