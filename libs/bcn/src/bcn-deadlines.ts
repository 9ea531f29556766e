import { addDaysToDate, addMonthsToDate, type Deadline, type DeadlinePolicy } from '@apo/engine';
import { closingDates, type BcnConfig } from './bcn-calendar';
import type { BcnContext } from './bcn-model';

/** The system events the scheduler writes to an exchange's stream, per kind of deadline. */
export const BCN_DEADLINE_KINDS = {
  applicationWindow: { lead: 'ApplicationWindowClosing', due: 'ApplicationClosingDateReached', overdue: 'ApplicationWindowClosed' },
  report: { lead: 'ReportDueSoon', due: 'ReportFellDue', overdue: 'ReportBecameOverdue' },
  followUp: { lead: 'FollowUpDueSoon', due: 'FollowUpFellDue', overdue: 'FollowUpBecameOverdue' },
} as const;

/**
 * The notification sets no dates for the report or the first follow-up; these defaults are the
 * Secretariat's to confirm (`BcnConfig.reportDueDays`, `followUpDueMonths`).
 */
export const DEFAULT_REPORT_DUE_DAYS = 30;
export const DEFAULT_FOLLOW_UP_DUE_MONTHS = 6;

/**
 * What an exchange owes and by when:
 * - a draft, each application window of its programme year (31 March, 30 June by default) still
 *   open when it was drafted, until it is submitted or proposed: a window whose closing date
 *   passes sends `ApplicationWindowClosed`;
 * - implemented, the report, `reportDueDays` after implementation;
 * - reported without follow-up, the first follow-up activity, `followUpDueMonths` after the report.
 */
export function bcnDeadlines(config: BcnConfig, state: string, context: BcnContext): Deadline[] {
  if (state === 'draft' && context.programmeYear !== undefined) {
    // A window that closed before the draft was written was never one it could miss.
    return closingDates(config, context.programmeYear)
      .map((dueDate, index) => ({
        key: `window:${context.programmeYear}-${index + 1}`,
        kind: 'applicationWindow',
        dueDate,
        label: `Application window ${index + 1} of ${context.programmeYear}`,
      }))
      .filter((deadline) => context.draftedOn === undefined || deadline.dueDate >= context.draftedOn);
  }
  if (state === 'implemented' && context.implementedOn) {
    return [
      {
        key: 'report',
        kind: 'report',
        dueDate: addDaysToDate(context.implementedOn, config.reportDueDays ?? DEFAULT_REPORT_DUE_DAYS),
        label: 'Exchange report',
      },
    ];
  }
  if (state === 'reported' && context.reportedOn) {
    const dueDate = addMonthsToDate(context.reportedOn, config.followUpDueMonths ?? DEFAULT_FOLLOW_UP_DUE_MONTHS);
    return [{ key: 'follow-up', kind: 'followUp', dueDate, label: 'First follow-up activity' }];
  }
  return [];
}

export const bcnDeadlinePolicy = (config: BcnConfig): DeadlinePolicy<BcnContext> => ({
  kinds: BCN_DEADLINE_KINDS,
  open: (state, context) => bcnDeadlines(config, state, context),
});
