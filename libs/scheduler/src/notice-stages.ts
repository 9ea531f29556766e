import { noticeDate, type NoticeStage } from '@apo/engine';

/** Lead times before a due date at which a reminder is written (`SCHEDULER_LEAD_DAYS`). */
export const DEFAULT_LEAD_DAYS: readonly number[] = [30, 7];

/**
 * The notices a deadline due on `dueDate` owes on `today`, in the order to write them, given the
 * stages already written. `due` and `overdue` are always written, late if the scheduler was down;
 * a reminder only while it still says something: none once the due date has come, and of the
 * reminders whose day has passed only the nearest (a scheduler back after five weeks sends the
 * 7-day reminder, not the 30-day one as well).
 */
export function noticesOwed(dueDate: string, today: string, written: readonly string[], leadDays: readonly number[] = DEFAULT_LEAD_DAYS): NoticeStage[] {
  const owed: NoticeStage[] = [];
  if (today >= dueDate) {
    if (!written.includes('due')) owed.push('due');
    if (today >= (noticeDate(dueDate, 'overdue') as string) && !written.includes('overdue')) owed.push('overdue');
    return owed;
  }
  const passed = [...leadDays].sort((a, b) => a - b).find((days) => today >= (noticeDate(dueDate, `lead-${days}`) as string));
  if (passed === undefined) return owed;
  // A nearer reminder already written makes every farther one moot.
  const nearerWritten = written.some((stage) => stage.startsWith('lead-') && Number(stage.slice(5)) <= passed);
  if (!nearerWritten) owed.push(`lead-${passed}`);
  return owed;
}
