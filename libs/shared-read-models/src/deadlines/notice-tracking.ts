import type { Deadline, DeadlinePolicy } from '@apo/engine';
import type { DeadlinesTable } from '@apo/read-store';
import { deadlineRow, isNotice, type NoticeData } from './deadline-rows';

/** Notice stages written for one open deadline, while it stays open with this due date. */
export interface Noticed {
  readonly dueDate: string;
  readonly stages: string[];
}

/** Open deadlines that have notices, by key; undefined when none has. */
export type NoticedDeadlines = Map<string, Noticed> | undefined;

/** The event is a notice of `policy`: it names a deadline and a stage. */
export const noticeOf = (policy: DeadlinePolicy | undefined, event: { readonly type: string; readonly data: unknown }): NoticeData | undefined =>
  policy !== undefined && isNotice(policy.kinds, event.type) ? (event.data as NoticeData) : undefined;

/**
 * A stream's noticed deadlines after one of its events, given what is open after it. Only a notice
 * or a stream with noticed deadlines needs to know what is open (see `deadlinesRebuild`): a notice
 * sticks to its deadline while that stays open with the same due date, exactly as the
 * event-by-event rows keep it.
 */
export function noticesAfter(before: NoticedDeadlines, open: ReadonlyMap<string, Deadline>, notice: NoticeData | undefined): NoticedDeadlines {
  const noticed = before ?? new Map<string, Noticed>();
  for (const [key, n] of noticed) if (open.get(key)?.dueDate !== n.dueDate) noticed.delete(key);
  if (notice && open.get(notice.deadline)?.dueDate === notice.dueDate) {
    const n = noticed.get(notice.deadline) ?? { dueDate: notice.dueDate, stages: [] };
    if (!n.stages.includes(notice.stage)) n.stages.push(notice.stage);
    noticed.set(notice.deadline, n);
  }
  return noticed.size > 0 ? noticed : undefined;
}

/** A stream's rows as of its last event: one per open deadline, with the notices it kept. */
export function streamRows(
  streamId: string,
  open: ReadonlyMap<string, Deadline>,
  noticed: NoticedDeadlines,
  revision: number,
  position: string,
): DeadlinesTable[] {
  const rows: DeadlinesTable[] = [];
  for (const deadline of open.values()) {
    const n = noticed?.get(deadline.key);
    rows.push(deadlineRow(streamId, deadline, n && n.dueDate === deadline.dueDate ? n.stages.join(',') : '', revision, position));
  }
  return rows;
}
