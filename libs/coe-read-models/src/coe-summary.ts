import type { CoeContext } from '@apo/coe';
import type { WorkflowState } from '@apo/engine';
import { describeCoeV1Extras, type CoeV1Facts, type GoverningBodyDecisionItem } from './coe-v1-description';

type Nullable<T> = T | null;

/**
 * One COE at a glance, whichever definition version it runs on: its definition's
 * `describe(state, context)` (what GET /coes/:id answers), with version 1's gaps filled from
 * its events (`describeCoeV1Extras`) and what a version does not know as null.
 */
export interface CoeSummary {
  readonly name: Nullable<string>;
  readonly memberEconomy: Nullable<string>;
  readonly focusArea: Nullable<string>;
  readonly nominatingNpo: Nullable<string>;
  readonly hostInstitution: Nullable<{ readonly name: string; readonly type: string }>;
  readonly appliedOn: Nullable<string>;
  readonly phase: string;
  readonly stage: Nullable<string>;
  readonly status: Nullable<string>;
  readonly period: Nullable<string>;
  readonly periodStart: Nullable<string>;
  readonly periodDueDate: Nullable<string>;
  readonly dueDate: Nullable<string>;
  readonly suspended: boolean;
  readonly designation: Nullable<{ readonly meeting: string; readonly decisionDate: string }>;
  readonly plannedLaunchDate: Nullable<string>;
  readonly launchDate: Nullable<string>;
  readonly governingBodyDecisions: readonly GoverningBodyDecisionItem[];
  readonly lastAssessment: Nullable<{ readonly assessmentId: string; readonly assessedOn: string; readonly recommendation: string; readonly overall: number }>;
  readonly lastStatusAssessment: Nullable<{
    readonly assessmentId: string;
    readonly assessedOn: string;
    readonly recommendedStage: string;
    readonly overall: number;
  }>;
  readonly historical: boolean;
  readonly records: { readonly activities: number; readonly publications: number; readonly replications: number };
}

export function summarizeCoe(folded: Pick<WorkflowState, 'definition' | 'state' | 'context'>, facts: CoeV1Facts): CoeSummary {
  const { definition, state, context } = folded;
  const described = (definition.describe?.(state, context) ?? {}) as Partial<Record<keyof CoeSummary, unknown>>;
  const d = { ...(definition.version === 1 ? describeCoeV1Extras(definition, state, context as CoeContext, facts) : {}), ...described } as Partial<
    Record<keyof CoeSummary, unknown>
  >;
  const or = <T>(value: unknown): Nullable<T> => (value === undefined ? null : (value as T));
  return {
    name: or(d.name),
    memberEconomy: or(d.memberEconomy),
    focusArea: or(d.focusArea),
    nominatingNpo: or(d.nominatingNpo),
    hostInstitution: or(d.hostInstitution),
    appliedOn: or(d.appliedOn),
    phase: (d.phase as string | undefined) ?? state,
    stage: or(d.stage),
    status: or(d.status),
    period: or(d.period),
    periodStart: or(d.periodStart),
    // Version 1's due date is its period's.
    periodDueDate: or(d.periodDueDate !== undefined ? d.periodDueDate : d.dueDate),
    dueDate: or(d.dueDate),
    suspended: d.suspended === true,
    designation: or(d.designation),
    plannedLaunchDate: or(d.plannedLaunchDate),
    launchDate: or(d.launchDate),
    governingBodyDecisions: (d.governingBodyDecisions as GoverningBodyDecisionItem[] | undefined) ?? [],
    lastAssessment: or(d.lastAssessment),
    lastStatusAssessment: or(d.lastStatusAssessment),
    historical: d.historical === true,
    records: (d.records as CoeSummary['records'] | undefined) ?? { activities: 0, publications: 0, replications: 0 },
  };
}
