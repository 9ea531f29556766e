import type { Deadline, DeadlinePolicy } from '@apo/engine';
import { proposalClosingDate, type CoeConfig } from './coe-calendar';
import type { CoeContext, PeriodKey } from './coe-model';

/** The system events the scheduler writes to a COE's stream, per kind of deadline. */
export const COE_DEADLINE_KINDS = {
  assessment: { lead: 'AssessmentDueSoon', due: 'AssessmentFellDue', overdue: 'AssessmentBecameOverdue' },
  proposal: { lead: 'ProposalWindowClosing', due: 'ProposalClosingDateReached', overdue: 'ProposalWindowClosed' },
} as const;

export const periodLabel = (key: PeriodKey): string => key.replace('.year', ' year ');

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * What a COE owes and by when:
 * - the assessment of the current period, due at its anniversary (plus any extension), while
 *   active or suspended, until an assessment of the period is recorded;
 * - in delivery and replication, the annual proposal of every programme year whose closing date
 *   falls in the current period, until a proposal for that year is submitted (a returned one
 *   must be submitted again).
 */
export function coeDeadlines(config: CoeConfig, state: string, context: CoeContext): Deadline[] {
  const period = context.period;
  if (!period || !(state.startsWith('active.') || state === 'suspended')) return [];
  const deadlines: Deadline[] = [];
  if (!context.lastAssessment) {
    deadlines.push({ key: `assessment:${period.key}`, kind: 'assessment', dueDate: period.dueDate, label: `Assessment of ${periodLabel(period.key)}` });
  }
  if (state.startsWith('active.delivery') || state === 'active.replication') {
    for (let year = yearOf(period.start); year <= yearOf(period.dueDate); year++) {
      const closing = proposalClosingDate(config, year);
      if (closing <= period.start || closing > period.dueDate) continue;
      const submitted = Object.values(context.proposals).some((p) => p.programmeYear === year && p.status !== 'returned');
      if (!submitted) deadlines.push({ key: `proposal:${year}`, kind: 'proposal', dueDate: closing, label: `Annual proposal for ${year}` });
    }
  }
  return deadlines;
}

export const coeDeadlinePolicy = (config: CoeConfig): DeadlinePolicy<CoeContext> => ({
  kinds: COE_DEADLINE_KINDS,
  open: (state, context) => coeDeadlines(config, state, context),
});
