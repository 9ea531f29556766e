import { verifyStream, type UntrustedEvent } from '@apo/engine';
import { createRegistry } from '@apo/programmes';
import { writtenNotices, type WrittenNotice } from './deadline-life';
import type { DeadlineWorld } from './deadline-world';

/** `day stream type deadline stage`: what each notice says, in log order. */
export const noticeLine = (n: WrittenNotice) => `${n.recordedOn} ${n.streamId} ${n.type} ${n.deadline} ${n.stage}`;

/**
 * Worked out by hand from the plan: COE designated 2025-04-16 and launched on the planned date
 * 2025-07-01 (the launch deadline's reminders come before it), designation due 2026-07-01, then
 * extended to 2026-10-01, each year after due 1 October; proposals close 31 March; reminders 30
 * and 7 days before. Met deadlines stop their notices; the suspension (15 January to 1 March
 * 2028) holds back the 2028 proposal's reminders until the day of reinstatement. Definition
 * version 2 owes, once a period is assessed, the step its assessment recommends by the same due
 * date: an assessment less than 30 days before it opens a decision deadline whose 30-day
 * reminder is written that day (the nearest whose day has passed), the 7-day one on its day
 * unless the step came first. The last advance ends the cycle: the network's first status
 * assessment is due 2032-10-01, after the plan.
 */
export const EXPECTED_NOTICES = [
  '2025-06-01 coe-th-digital LaunchDueSoon launch lead-30',
  '2025-06-24 coe-th-digital LaunchDueSoon launch lead-7',
  '2026-06-10 coe-th-digital DecisionDueSoon decision:designation lead-30',
  '2026-09-20 coe-th-digital DecisionDueSoon decision:designation lead-30',
  '2026-09-24 coe-th-digital DecisionDueSoon decision:designation lead-7',
  '2027-09-15 coe-th-digital DecisionDueSoon decision:delivery.year1 lead-30',
  '2027-09-24 coe-th-digital DecisionDueSoon decision:delivery.year1 lead-7',
  '2028-09-15 coe-th-digital DecisionDueSoon decision:delivery.year2 lead-30',
  '2028-09-24 coe-th-digital DecisionDueSoon decision:delivery.year2 lead-7',
  '2029-09-15 coe-th-digital DecisionDueSoon decision:delivery.year3 lead-30',
  '2029-09-24 coe-th-digital DecisionDueSoon decision:delivery.year3 lead-7',
  '2030-09-15 coe-th-digital DecisionDueSoon decision:replication lead-30',
  '2030-09-24 coe-th-digital DecisionDueSoon decision:replication lead-7',
  '2026-06-01 coe-th-digital AssessmentDueSoon assessment:designation lead-30',
  '2026-09-01 coe-th-digital AssessmentDueSoon assessment:designation lead-30',
  '2027-03-01 coe-th-digital ProposalWindowClosing proposal:2027 lead-30',
  '2027-09-01 coe-th-digital AssessmentDueSoon assessment:delivery.year1 lead-30',
  '2028-03-01 coe-th-digital ProposalWindowClosing proposal:2028 lead-30',
  '2028-03-24 coe-th-digital ProposalWindowClosing proposal:2028 lead-7',
  '2028-03-31 coe-th-digital ProposalClosingDateReached proposal:2028 due',
  '2028-04-01 coe-th-digital ProposalWindowClosed proposal:2028 overdue',
  '2028-09-01 coe-th-digital AssessmentDueSoon assessment:delivery.year2 lead-30',
  '2029-03-01 coe-th-digital ProposalWindowClosing proposal:2029 lead-30',
  '2029-03-24 coe-th-digital ProposalWindowClosing proposal:2029 lead-7',
  '2029-03-31 coe-th-digital ProposalClosingDateReached proposal:2029 due',
  '2029-04-01 coe-th-digital ProposalWindowClosed proposal:2029 overdue',
  '2029-09-01 coe-th-digital AssessmentDueSoon assessment:delivery.year3 lead-30',
  '2030-03-01 bcn-bcn-2030-th-la ApplicationWindowClosing window:2030-1 lead-30',
  '2030-03-01 bcn-idle-draft-2030 ApplicationWindowClosing window:2030-1 lead-30',
  '2030-03-01 coe-th-digital ProposalWindowClosing proposal:2030 lead-30',
  '2030-03-24 bcn-bcn-2030-th-la ApplicationWindowClosing window:2030-1 lead-7',
  '2030-03-24 bcn-idle-draft-2030 ApplicationWindowClosing window:2030-1 lead-7',
  '2030-03-24 coe-th-digital ProposalWindowClosing proposal:2030 lead-7',
  '2030-03-31 bcn-idle-draft-2030 ApplicationClosingDateReached window:2030-1 due',
  '2030-03-31 coe-th-digital ProposalClosingDateReached proposal:2030 due',
  '2030-04-01 bcn-idle-draft-2030 ApplicationWindowClosed window:2030-1 overdue',
  '2030-04-01 coe-th-digital ProposalWindowClosed proposal:2030 overdue',
  '2030-05-31 bcn-idle-draft-2030 ApplicationWindowClosing window:2030-2 lead-30',
  '2030-06-12 bcn-bcn-2030-th-la ReportDueSoon report lead-30',
  '2030-06-23 bcn-idle-draft-2030 ApplicationWindowClosing window:2030-2 lead-7',
  '2030-06-30 bcn-idle-draft-2030 ApplicationClosingDateReached window:2030-2 due',
  '2030-07-01 bcn-idle-draft-2030 ApplicationWindowClosed window:2030-2 overdue',
  '2030-08-01 bcn-late-report-2030 ReportDueSoon report lead-30',
  '2030-08-24 bcn-late-report-2030 ReportDueSoon report lead-7',
  '2030-08-31 bcn-late-report-2030 ReportFellDue report due',
  '2030-09-01 bcn-late-report-2030 ReportBecameOverdue report overdue',
  '2030-09-01 coe-th-digital AssessmentDueSoon assessment:replication lead-30',
];

/** Sorted so that notices of one day compare whatever order the schedulers wrote them in. */
export const byDay = (lines: readonly string[]) => [...lines].sort();

export async function expectEveryNoticeOnceAndReplayable(world: DeadlineWorld): Promise<void> {
  const notices = await writtenNotices(world.store);
  const keys = notices.map((n) => `${n.streamId} ${n.deadline} ${n.dueDate} ${n.stage}`);
  expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  expect(byDay(notices.map(noticeLine))).toEqual(byDay(EXPECTED_NOTICES));
  // Every stream, notices included, replays through its machine with an intact hash chain.
  const registry = createRegistry();
  for (const streamId of new Set(notices.map((n) => n.streamId))) {
    const events = (await world.store.readStream(streamId)) as unknown as UntrustedEvent[];
    expect(verifyStream(registry, streamId, events).divergences).toEqual([]);
  }
}
