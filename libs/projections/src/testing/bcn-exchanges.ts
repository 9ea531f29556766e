import { ELIGIBLE_CATEGORIES, FOLLOW_UP_KINDS, PARTICIPANT_LIMITS, type Modality } from '@apo/bcn';
import { MEMBER_ECONOMIES } from '@apo/reference';
import { addDays, seededRandom } from './coe-portfolio';
import type { ExchangeStep } from './run-steps';

const ECONOMIES = MEMBER_ECONOMIES.map((m) => m.iso2);
const ADMIN_COMMANDS = new Set(['ApproveExchange', 'RejectExchange']);

/**
 * Whole BCN exchanges for `count` ids, every command valid under the BCN rules: drafts left open
 * or withdrawn; applications in both windows and Secretariat proposals; rejections; approvals not
 * yet scheduled; withdrawals before and after scheduling; virtual and face-to-face rosters up to
 * their limits, some rescheduled; implementations, reports, follow-ups and closures. Ids are
 * `bcn-<idPrefix>-NNNN`, so with the same prefix some of the COE portfolio's replications cite
 * them. Steps after `cutoff` (default 2030-06-30) are dropped; sorted by day.
 */
export function generateExchanges(options: { count: number; seed?: number; cutoff?: string; idPrefix?: string }): ExchangeStep[] {
  const random = seededRandom(options.seed ?? 24);
  const cutoff = options.cutoff ?? '2030-06-30';
  const all: ExchangeStep[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = `bcn-${options.idPrefix ?? 'pf'}-${String(i).padStart(4, '0')}`;
    all.push(...planExchange(id, random).filter((s) => s.on <= cutoff));
  }
  return all.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function planExchange(exchange: string, random: () => number): ExchangeStep[] {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)];
  const steps: ExchangeStep[] = [];
  const add = (on: string, type: string, data: Record<string, unknown>) =>
    steps.push({ exchange, on, role: ADMIN_COMMANDS.has(type) ? 'admin' : 'assessor', command: { type, data } });
  const withdraw = (on: string) =>
    add(on, 'WithdrawExchange', { withdrawnOn: on, reason: 'plans changed', requestedBy: pick(['sendingNpo', 'hostingNpo', 'secretariat']) });

  const year = int(2023, 2030);
  const sending = pick(ECONOMIES);
  const host = pick(ECONOMIES.filter((e) => e !== sending));
  let day = addDays(`${year}-01-02`, int(0, 150));
  add(day, 'DraftExchange', {
    title: `Exchange ${exchange}`,
    topic: pick(['lean', 'digital', 'green productivity', 'public sector']),
    programmeYear: year,
    sendingNpo: sending,
    ...(random() < 0.7 ? { hostingNpo: host } : {}),
    draftedOn: day,
  });
  const fate = random();
  if (fate < 0.05) return steps;
  if (fate < 0.1) return (withdraw(addDays(day, int(1, 30))), steps);

  day = addDays(day, int(1, 60));
  if (day <= `${year}-06-30` && random() < 0.8) add(day, 'SubmitExchange', { submittedOn: day });
  else add(day, 'ProposeExchange', { proposedOn: day });
  const decision = random();
  if (decision < 0.08) return steps;
  day = addDays(day, int(5, 40));
  if (decision < 0.18) return (add(day, 'RejectExchange', { rejectedOn: day, reason: 'not a priority' }), steps);
  add(day, 'ApproveExchange', { approvedOn: day });
  const afterApproval = random();
  if (afterApproval < 0.05) return steps;
  if (afterApproval < 0.1) return (withdraw(addDays(day, int(1, 20))), steps);

  let start = '';
  const schedule = () => {
    day = addDays(day, int(3, 30));
    const modality = pick<Modality>(['virtual', 'faceToFace']);
    const participants = Array.from({ length: int(1, PARTICIPANT_LIMITS[modality]) }, (_, i) => ({
      name: `P${i}`,
      position: 'Director',
      category: pick(ELIGIBLE_CATEGORIES),
    }));
    start = addDays(day, int(10, 90));
    add(day, 'ScheduleExchange', { scheduledOn: day, startDate: start, endDate: addDays(start, int(0, 4)), modality, hostingNpo: host, participants });
  };
  schedule();
  if (random() < 0.2) schedule();
  if (random() < 0.05) return (withdraw(addDays(day, 1)), steps);

  day = addDays(start, int(0, 4));
  add(day, 'RecordImplementation', { implementedOn: day });
  if (random() < 0.1) return steps;
  day = addDays(day, int(5, 40));
  add(day, 'SubmitReport', { reportedOn: day, summary: 'held as planned' });
  for (let n = int(0, 3), k = 0; k < n; k++) {
    day = addDays(day, int(10, 120));
    add(day, 'RecordFollowUp', { followUpId: `fu-${k}`, kind: pick(FOLLOW_UP_KINDS), title: `Follow-up ${k}`, date: day });
  }
  if (random() < 0.6) {
    day = addDays(day, int(1, 60));
    add(day, 'CloseExchange', { closedOn: day });
  }
  return steps;
}
