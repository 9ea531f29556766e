import { addMonthsToDate, type Command } from '@apo/engine';
import { ACTIVITY_KINDS, PUBLICATION_KINDS, type Phase, type PeriodKey } from '@apo/coe';
import { MEMBER_ECONOMIES } from '@apo/reference';

/** One command of a generated history, on the day it is recorded. */
export interface PortfolioStep {
  readonly coe: string;
  readonly on: string;
  readonly role: 'assessor' | 'admin';
  readonly command: Command;
}

const ECONOMIES = MEMBER_ECONOMIES.map((m) => m.iso2);
const FOCUS = ['digital transformation', 'smart manufacturing', 'green productivity', 'agriculture', 'public sector productivity', 'healthcare'];
const PERIODS: readonly PeriodKey[] = ['designation', 'delivery.year1', 'delivery.year2', 'delivery.year3', 'replication'];
const ADMIN_COMMANDS = new Set(['DesignateCoe', 'RejectApplication', 'TerminateCoe', 'SuspendCoe', 'ReinstateCoe', 'WaiveClosingDate']);

/** Deterministic pseudo-random numbers (mulberry32), so a failing portfolio can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Whole COE life cycles for `count` COEs, every command valid under the COE rules: applications
 * left open, withdrawn or rejected; designations with activities (participants from several
 * economies), publications, proposals (some returned and resubmitted), suspensions (reinstated,
 * or ending in termination or withdrawal), extensions, terminations on assessment, replications
 * (some with a BCN exchange) and graduations. Steps after `cutoff` (default 2030-06-30) are dropped, so many COEs are
 * caught mid-life. Sorted by day: the global log interleaves the COEs as real use would.
 */
export function generatePortfolio(options: { count: number; seed?: number; cutoff?: string; idPrefix?: string }): PortfolioStep[] {
  const random = seededRandom(options.seed ?? 42);
  const cutoff = options.cutoff ?? '2030-06-30';
  const all: PortfolioStep[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = `${options.idPrefix ?? 'pf'}-${String(i).padStart(4, '0')}`;
    all.push(...planCoe(id, random).filter((s) => s.on <= cutoff));
  }
  // Array.prototype.sort is stable: a COE's steps on one day keep their order.
  return all.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

function planCoe(coe: string, random: () => number): PortfolioStep[] {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)];
  const steps: PortfolioStep[] = [];
  const add = (on: string, type: string, data: Record<string, unknown>) =>
    steps.push({ coe, on, role: ADMIN_COMMANDS.has(type) ? 'admin' : 'assessor', command: { type, data } });
  const economy = pick(ECONOMIES);
  const focusArea = pick(FOCUS);
  const applied = addDays('2022-01-03', int(0, 2900));
  add(applied, 'SubmitApplication', {
    name: `COE ${coe} on ${focusArea}`,
    memberEconomy: economy,
    nominatingNpo: `NPO of ${economy}`,
    hostInstitution: { name: `Institute ${coe}`, type: random() < 0.7 ? 'npo' : 'other' },
    focusArea,
    appliedOn: applied,
  });
  const fate = random();
  if (fate < 0.04) return steps;
  if (fate < 0.07) return (add(addDays(applied, 10), 'WithdrawCoe', { reason: 'nomination withdrawn', withdrawnOn: addDays(applied, 10) }), steps);
  add(addDays(applied, 14), 'StartReview', { startedOn: addDays(applied, 14) });
  if (fate < 0.15) return (add(addDays(applied, 40), 'RejectApplication', { reason: 'criteria not met', decidedOn: addDays(applied, 40) }), steps);
  if (fate < 0.18) return (add(addDays(applied, 35), 'WithdrawCoe', { reason: 'host withdrew', withdrawnOn: addDays(applied, 35) }), steps);
  const decision = addDays(applied, 50);
  let start = addDays(applied, int(60, 120));
  add(decision, 'DesignateCoe', { governingBody: { meeting: 'Governing Body Meeting', decisionDate: decision }, launchDate: start });
  const extended = new Set<Phase>();
  let records = 0;
  for (const period of PERIODS) {
    let due = addMonthsToDate(start, 12);
    const phase = period.split('.')[0] as Phase;
    const dated: { on: string; type: string; data: Record<string, unknown> }[] = [];
    for (let a = int(0, 3); a > 0; a--) {
      const date = addDays(start, int(25, 280));
      const participants = [...new Set(Array.from({ length: int(1, 3) }, () => pick(ECONOMIES)))].map((e) => ({ economy: e, count: int(1, 40) }));
      dated.push({
        on: date,
        type: 'RecordActivity',
        data: { activityId: `act-${records++}`, kind: pick(ACTIVITY_KINDS), title: 'Activity', date, participants },
      });
    }
    if (random() < 0.4) {
      const date = addDays(start, int(25, 280));
      dated.push({
        on: date,
        type: 'RecordPublication',
        data: { publicationId: `pub-${records++}`, kind: pick(PUBLICATION_KINDS), title: 'Publication', date },
      });
    }
    if (period === 'replication' && random() < 0.7) {
      const date = addDays(start, int(25, 280));
      const target = pick(ECONOMIES.filter((e) => e !== economy));
      const bcn = random() < 0.5 ? { bcnExchangeId: `bcn-${coe}` } : {};
      dated.push({
        on: date,
        type: 'RecordReplication',
        data: { replicationId: `rep-${records++}`, targetEconomy: target, description: 'Know-how transferred', date, ...bcn },
      });
    }
    if (phase !== 'designation') {
      let year = Number(start.slice(0, 4));
      if (`${year}-03-01` < addDays(start, 25)) year++;
      if (`${year}-04-15` <= addDays(start, 280)) {
        const proposal = (id: string, on: string) =>
          dated.push({ on, type: 'SubmitProposal', data: { proposalId: id, programmeYear: year, title: `Work plan ${year}`, submittedOn: on } });
        proposal(`wp-${year}`, `${year}-03-01`);
        if (random() < 0.2) {
          dated.push({
            on: `${year}-03-10`,
            type: 'ReturnProposal',
            data: { proposalId: `wp-${year}`, returnedOn: `${year}-03-10`, reason: 'budget unclear' },
          });
          proposal(`wp-${year}-b`, `${year}-03-20`);
          dated.push({ on: `${year}-04-10`, type: 'ApproveProposal', data: { proposalId: `wp-${year}-b`, approvedOn: `${year}-04-10` } });
        } else {
          dated.push({ on: `${year}-03-25`, type: 'ApproveProposal', data: { proposalId: `wp-${year}`, approvedOn: `${year}-03-25` } });
        }
      }
    }
    for (const d of dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) add(d.on, d.type, d.data);
    // Suspensions fall after every record of the period: a suspended COE records nothing.
    if (random() < 0.08) {
      add(addDays(start, 290), 'SuspendCoe', { reason: 'host restructuring', suspendedOn: addDays(start, 290) });
      const end = random();
      if (end < 0.1)
        return (
          add(addDays(start, 310), 'TerminateCoe', {
            basis: 'governingBody',
            reason: 'host closed',
            terminatedOn: addDays(start, 310),
            governingBody: { meeting: 'Governing Body Meeting', decisionDate: addDays(start, 305) },
          }),
          steps
        );
      if (end < 0.2) return (add(addDays(start, 310), 'WithdrawCoe', { reason: 'host withdrew', withdrawnOn: addDays(start, 310) }), steps);
      add(addDays(start, 320), 'ReinstateCoe', { reinstatedOn: addDays(start, 320) });
    }
    const scores = () => ({ competency: int(2, 5), dissemination: int(2, 5), collaboration: int(2, 5), outputs: int(2, 5), impact: int(2, 5) });
    const assess = (on: string, recommendation: string) =>
      add(on, 'RecordAssessment', { assessmentId: `as-${period}-${on}`, assessedOn: on, scores: scores(), recommendation });
    const outcome = random();
    const assessedOn = addDays(start, 335);
    if (outcome < 0.03) {
      assess(assessedOn, 'terminate');
      return (add(addDays(start, 340), 'TerminateCoe', { basis: 'assessment', reason: 'targets missed', terminatedOn: addDays(start, 340) }), steps);
    }
    if (outcome < 0.05) return (add(addDays(start, 330), 'WithdrawCoe', { reason: 'host withdrew', withdrawnOn: addDays(start, 330) }), steps);
    if (outcome < 0.17 && !extended.has(phase)) {
      extended.add(phase);
      assess(assessedOn, 'extend');
      const months = int(2, 6);
      add(addDays(start, 336), 'ExtendPhase', { months, reason: 'pilot delayed', extendedOn: addDays(start, 336) });
      due = addMonthsToDate(due, months);
      assess(addDays(due, -10), 'advance');
    } else {
      assess(assessedOn, 'advance');
    }
    // Mostly on the due date; some late (the next period still starts at the due date).
    const advancedOn = random() < 0.15 ? addDays(due, 20) : due;
    add(advancedOn, 'AdvanceCoe', { advancedOn });
    start = due;
  }
  return steps;
}
