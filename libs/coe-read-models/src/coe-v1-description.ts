import { periodLabel, type ApplicationSubmittedData, type CoeContext, type CoeDesignatedData, type CoeTerminatedData } from '@apo/coe';
import type { AnyWorkflowDefinition, Deadline } from '@apo/engine';

/** A Governing Body decision as both versions list it: what was decided, at which meeting, on which date. */
export interface GoverningBodyDecisionItem {
  readonly decision: string;
  readonly meeting: string;
  readonly decisionDate: string;
}

/**
 * What a version 1 COE's events say and its context does not keep: the host, the nominating NPO
 * and the Governing Body's decisions (version 2 keeps them in its context and describes them).
 */
export interface CoeV1Facts {
  readonly nominatingNpo: string | null;
  readonly hostInstitution: { readonly name: string; readonly type: string } | null;
  readonly governingBodyDecisions: readonly GoverningBodyDecisionItem[];
}

export const NO_V1_FACTS: CoeV1Facts = { nominatingNpo: null, hostInstitution: null, governingBodyDecisions: [] };

/** The facts after one version 1 event (the same object when the event adds none). */
export function foldV1Facts(facts: CoeV1Facts, event: { readonly type: string; readonly data: unknown }): CoeV1Facts {
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const d = event.data as ApplicationSubmittedData;
      return { ...facts, nominatingNpo: d.nominatingNpo, hostInstitution: { name: d.hostInstitution.name, type: d.hostInstitution.type } };
    }
    case 'CoeDesignated': {
      const { governingBody } = event.data as CoeDesignatedData;
      return { ...facts, governingBodyDecisions: [...facts.governingBodyDecisions, { decision: 'designationDecision', ...governingBody }] };
    }
    case 'CoeTerminated': {
      const { governingBody } = event.data as CoeTerminatedData;
      return governingBody ? { ...facts, governingBodyDecisions: [...facts.governingBodyDecisions, { decision: 'termination', ...governingBody }] } : facts;
    }
    default:
      return facts;
  }
}

/** The first of the earliest due deadlines (as version 2's describe picks its `nextDeadline`). */
export const earliestDeadline = (deadlines: readonly Deadline[]): Deadline | undefined =>
  deadlines.reduce<Deadline | undefined>((first, d) => (first === undefined || d.dueDate < first.dueDate ? d : first), undefined);

function statusOf(state: string, context: CoeContext): string {
  if (state.startsWith('active.') && context.period) return `in ${periodLabel(context.period.key)}`;
  if (state === 'suspended') return `suspended since ${context.suspendedSince}`;
  return state;
}

/**
 * What version 2's describe adds, for a version 1 COE: the host, the nominating NPO, the
 * designation and every Governing Body decision (from its events), the dates of its context, a
 * status in words and its next deadline (the definition's policy). Belongs in version 1's
 * `describeCoe` once its context keeps the host (a domain change, not made here).
 */
export function describeCoeV1Extras(definition: AnyWorkflowDefinition, state: string, context: CoeContext, facts: CoeV1Facts) {
  const deadlines = definition.deadlines?.open(state, context) ?? [];
  const designation = facts.governingBodyDecisions.find((d) => d.decision === 'designationDecision');
  return {
    nominatingNpo: facts.nominatingNpo,
    hostInstitution: facts.hostInstitution,
    appliedOn: context.appliedOn ?? null,
    launchDate: context.launchDate ?? null,
    status: statusOf(state, context),
    designation: designation ? { meeting: designation.meeting, decisionDate: designation.decisionDate } : null,
    governingBodyDecisions: facts.governingBodyDecisions,
    nextDeadline: earliestDeadline(deadlines) ?? null,
    openDeadlines: deadlines.length,
  };
}
