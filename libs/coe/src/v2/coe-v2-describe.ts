import { periodLabel } from '../coe-deadlines';
import { phaseOf } from '../coe-model';
import type { CoeV2Config } from './coe-v2-calendar';
import type { Deadline } from '@apo/engine';
import { coeV2BusinessDeadlines, coeV2Deadlines } from './coe-v2-deadlines';
import { RECORD_KINDS, type CoeV2Context } from './coe-v2-model';

const ENDED = ['rejected', 'retired', 'terminated', 'withdrawn'];

const earliest = (deadlines: readonly Deadline[]): Deadline | undefined =>
  deadlines.reduce<Deadline | undefined>((first, d) => (first === undefined || d.dueDate < first.dueDate ? d : first), undefined);

/** Where the COE is, in words: "designated, launching on 2026-01-15", "in the COE network (continued support)". */
function statusOf(state: string, context: CoeV2Context): string {
  if (state === 'designated') return `designated, launching on ${context.designation?.plannedLaunchDate}`;
  if (state.startsWith('active.') && context.period) return `in ${periodLabel(context.period.key)}`;
  if (state.startsWith('network.')) return `in the COE network (${state === 'network.member' ? 'member without APO funding' : 'continued support'})`;
  if (state === 'suspended') return `suspended since ${context.suspendedSince}`;
  return state;
}

/**
 * What a reader of one version 2 COE wants at a glance. `dueDate` is the earliest due date of
 * the deadlines open now (`nextDeadline`), so a COE is overdue on `today` exactly when
 * `today > dueDate`, which is what `coeV2IsOverdue` and the deadline read model answer too;
 * `businessDueDate` is the same in business time, for the state as of a past date
 * (`coeV2WasOverdue`).
 */
export function describeCoeV2(config: CoeV2Config, state: string, context: CoeV2Context) {
  const deadlines = coeV2Deadlines(config, state, context);
  const next = earliest(deadlines);
  const period = context.period;
  const inCycle = state.startsWith('active.') || (state === 'suspended' && context.suspendedFrom === 'active');
  const designation = context.designation;
  return {
    name: context.name ?? null,
    memberEconomy: context.memberEconomy ?? null,
    focusArea: context.focusArea ?? null,
    nominatingNpo: context.nominatingNpo ?? null,
    hostInstitution: context.hostInstitution ?? null,
    appliedOn: context.appliedOn ?? null,
    phase: state.startsWith('active.') && period ? phaseOf(period.key) : state.startsWith('network.') ? 'network' : state,
    stage: context.stage ?? null,
    status: statusOf(state, context),
    period: inCycle && period ? period.key : null,
    periodStart: inCycle && period ? period.start : null,
    periodDueDate: inCycle && period ? period.dueDate : null,
    dueDate: next?.dueDate ?? null,
    /** `dueDate` in business time (a COE under historical entry owes nothing now, but did then): what an as-of view asks. */
    businessDueDate: earliest(coeV2BusinessDeadlines(config, state, context))?.dueDate ?? null,
    nextDeadline: next ?? null,
    openDeadlines: deadlines.length,
    suspended: state === 'suspended',
    suspendedSince: context.suspendedSince ?? null,
    designation: designation ? { meeting: designation.governingBody.meeting, decisionDate: designation.governingBody.decisionDate } : null,
    plannedLaunchDate: designation?.plannedLaunchDate ?? null,
    launchDate: context.launchDate ?? null,
    governingBodyDecisions: context.timeline.flatMap((f) =>
      f.governingBody ? [{ decision: f.fact, meeting: f.governingBody.meeting, decisionDate: f.governingBody.decisionDate }] : [],
    ),
    extensions: context.extensions,
    lastAssessment: context.lastAssessment ?? null,
    cycleEnd: context.cycleEnd ?? null,
    lastStatusAssessment: context.lastStatusAssessment ?? null,
    historical: context.historical,
    upToDate: context.upToDate ?? null,
    records: Object.fromEntries(RECORD_KINDS.map((kind) => [kind, Object.keys(context.records[kind]).length])) as Record<(typeof RECORD_KINDS)[number], number>,
    ended: ENDED.includes(state),
  };
}
