import { firstDay, isPastDue, lastDay, precisionOf, type Deadline, type DeadlinePolicy } from '@apo/engine';
import { proposalClosingDate } from '../coe-calendar';
import { periodLabel } from '../coe-deadlines';
import { coeV2Settings, statusAssessmentDue, type CoeV2Config } from './coe-v2-calendar';
import type { CoeV2Context, PeriodV2 } from './coe-v2-model';

/** The system events the scheduler writes to a version 2 COE's stream, per kind of deadline. */
export const COE_V2_DEADLINE_KINDS = {
  launch: { lead: 'LaunchDueSoon', due: 'LaunchDateReached', overdue: 'LaunchBecameOverdue' },
  assessment: { lead: 'AssessmentDueSoon', due: 'AssessmentFellDue', overdue: 'AssessmentBecameOverdue' },
  decision: { lead: 'DecisionDueSoon', due: 'DecisionFellDue', overdue: 'DecisionBecameOverdue' },
  proposal: { lead: 'ProposalWindowClosing', due: 'ProposalClosingDateReached', overdue: 'ProposalWindowClosed' },
  statusAssessment: { lead: 'StatusAssessmentDueSoon', due: 'StatusAssessmentFellDue', overdue: 'StatusAssessmentBecameOverdue' },
} as const;

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** A partial due date is met in time up to its last day; the label keeps the date as stated. */
const due = (date: string): { dueDate: string; stated: string } => ({ dueDate: lastDay(date), stated: precisionOf(date) === 'day' ? '' : ` (due ${date})` });

const DECISION_LABELS = { advance: 'Advance out of', extend: 'Extension decision on', terminate: 'Termination decision on' } as const;

/** The current period owes its assessment, then the step the assessment recommends, both by its due date. */
function periodDeadlines(context: CoeV2Context, period: PeriodV2): Deadline[] {
  const { dueDate, stated } = due(period.dueDate);
  const name = periodLabel(period.key);
  const last = context.lastAssessment;
  if (!last) return [{ key: `assessment:${period.key}`, kind: 'assessment', dueDate, label: `Assessment of ${name}${stated}` }];
  return [{ key: `decision:${period.key}`, kind: 'decision', dueDate, label: `${DECISION_LABELS[last.recommendation]} ${name}${stated}` }];
}

/** Programme years whose closing date falls certainly within the period and whose proposal is not in. */
function proposalDeadlines(config: CoeV2Config, context: CoeV2Context, period: PeriodV2): Deadline[] {
  const after = lastDay(period.start);
  const until = firstDay(period.dueDate);
  const deadlines: Deadline[] = [];
  for (let year = yearOf(period.start); year <= yearOf(period.dueDate); year++) {
    const closing = proposalClosingDate(config, year);
    if (closing <= after || closing > until) continue;
    const submitted = Object.values(context.proposals).some((p) => p.programmeYear === year && p.status !== 'returned');
    if (!submitted) deadlines.push({ key: `proposal:${year}`, kind: 'proposal', dueDate: closing, label: `Annual proposal for ${year}` });
  }
  return deadlines;
}

/**
 * What a version 2 COE owes and by when (the one definition of due and overdue): nothing while
 * it is being entered from history and not yet brought up to date (so the scheduler writes no
 * notice for it), otherwise `coeV2BusinessDeadlines`.
 */
export function coeV2Deadlines(config: CoeV2Config, state: string, context: CoeV2Context): Deadline[] {
  return context.historical ? [] : coeV2BusinessDeadlines(config, state, context);
}

/**
 * What a COE in this state owes in business time, however it was entered: what an as-of view
 * of a past date asks ("was it overdue on 2019-06-01?"), where a historical entry made years
 * later has no say.
 * - designated: its launch, on the planned launch date;
 * - in the cycle (active, or suspended from it): the current period's assessment by its due
 *   date; once assessed, the step the assessment recommends (advance, extension or termination
 *   decision) by the same date; in delivery and replication (not while suspended), the annual
 *   proposal of every programme year whose closing date falls in the period;
 * - in the network (or suspended from it): the next status assessment, N months after the last
 *   one or after the cycle's end;
 * - ended: nothing.
 * Each due date is the last day on which the deadline is met in time (a partial date's last day).
 */
export function coeV2BusinessDeadlines(config: CoeV2Config, state: string, context: CoeV2Context): Deadline[] {
  if (state === 'designated' && context.designation) {
    const { dueDate, stated } = due(context.designation.plannedLaunchDate);
    return [{ key: 'launch', kind: 'launch', dueDate, label: `Launch of the COE${stated}` }];
  }
  const where = state === 'suspended' ? context.suspendedFrom : state.split('.')[0];
  if (where === 'active' && context.period) {
    const proposals = state.startsWith('active.delivery') || state === 'active.replication' ? proposalDeadlines(config, context, context.period) : [];
    return [...periodDeadlines(context, context.period), ...proposals];
  }
  if (where === 'network') {
    const statusDue = statusAssessmentDue(context, coeV2Settings(config).statusAssessmentMonths);
    if (statusDue === undefined) return [];
    const { dueDate, stated } = due(statusDue);
    const n = context.statusAssessments + 1;
    return [{ key: `statusAssessment:${n}`, kind: 'statusAssessment', dueDate, label: `Status assessment ${n} in the COE network${stated}` }];
  }
  return [];
}

export const coeV2DeadlinePolicy = (config: CoeV2Config): DeadlinePolicy<CoeV2Context> => ({
  kinds: COE_V2_DEADLINE_KINDS,
  open: (state, context) => coeV2Deadlines(config, state, context),
  owed: (state, context) => coeV2BusinessDeadlines(config, state, context),
});

/** Overdue on `today`: some open deadline is past its due date. The read models and the API ask this, nothing else. */
export const coeV2IsOverdue = (config: CoeV2Config, state: string, context: CoeV2Context, today: string): boolean =>
  coeV2Deadlines(config, state, context).some((deadline) => isPastDue(deadline.dueDate, today));

/** Overdue on a past business date `on`, for the state as of that date: `coeV2IsOverdue` in business time. */
export const coeV2WasOverdue = (config: CoeV2Config, state: string, context: CoeV2Context, on: string): boolean =>
  coeV2BusinessDeadlines(config, state, context).some((deadline) => isPastDue(deadline.dueDate, on));
