import { COE_V2_PORTFOLIO, COE_V2_SITTINGS, type CoeV2Sitting } from '@apo/coe/testing';
import { addDaysToDate, addMonthsToDate, DomainError, firstDay, type Command, type DefinitionRegistry } from '@apo/engine';
import fc from 'fast-check';
import type { EventStore } from '@apo/event-store';
import type { PortfolioStep } from './coe-portfolio';
import { runSteps } from './run-steps';

/**
 * The real portfolio of @apo/coe/testing (seven COEs 2008-2026) as steps: each COE's commands on
 * its sitting's day, entered by an admin, up to sitting `upTo` (1 and 2 are the imports, 3 the
 * launch of the newest). Ids get `prefix`, so one log can hold the portfolio twice.
 */
export function coeV2PortfolioSteps(upTo: CoeV2Sitting = 3, prefix = ''): PortfolioStep[] {
  const steps: PortfolioStep[] = [];
  for (const sitting of [1, 2, 3] as const) {
    if (sitting > upTo) break;
    for (const [id, entered] of Object.entries(COE_V2_PORTFOLIO)) {
      for (const step of entered)
        if (step.sitting === sitting) steps.push({ coe: `${prefix}${id}`, on: COE_V2_SITTINGS[sitting], role: 'admin', command: step.command });
    }
  }
  return steps;
}

/**
 * How a random version 2 COE's life goes (see `coeV2HistorySteps`): each period assessed and
 * advanced, extended (by the Secretariat on an `extend` assessment, or by the Governing Body),
 * or terminated; records, a suspension, the network's status assessments and stage decisions,
 * corrections of recorded facts; entered as it happens or imported later, cut short anywhere.
 */
export interface CoeV2Life {
  readonly imported: boolean;
  readonly otherHost: boolean;
  readonly partialDates: boolean;
  /** Months from the Governing Body's decision to the planned launch, and how late the launch came. */
  readonly launchIn: number;
  readonly launchLate: number;
  readonly periods: readonly {
    readonly outcome: 'advance' | 'extend' | 'terminate';
    readonly byGoverningBody: boolean;
    readonly months: number;
    readonly records: number;
  }[];
  /** Suspended in this period (index), reinstated or not. */
  readonly suspension: { readonly period: number; readonly reinstated: boolean } | null;
  readonly network: readonly {
    readonly stage: 'continuedSupport' | 'networkMember' | 'retired';
    readonly decided: boolean;
    readonly byGoverningBody: boolean;
  }[];
  readonly corrections: readonly number[];
  /** Steps kept (the rest is the future), and whether the COE is then withdrawn. */
  readonly keep: number;
  readonly withdrawn: boolean;
}

const recommendation = fc.oneof(
  { arbitrary: fc.constant('advance' as const), weight: 12 },
  { arbitrary: fc.constant('extend' as const), weight: 3 },
  { arbitrary: fc.constant('terminate' as const), weight: 1 },
);

export const coeV2LifeArbitrary: fc.Arbitrary<CoeV2Life> = fc.record({
  imported: fc.boolean(),
  otherHost: fc.boolean(),
  partialDates: fc.boolean(),
  launchIn: fc.integer({ min: 0, max: 9 }),
  launchLate: fc.constantFrom(0, 0, 1, 2),
  periods: fc.array(
    fc.record({ outcome: recommendation, byGoverningBody: fc.boolean(), months: fc.integer({ min: 1, max: 24 }), records: fc.integer({ min: 0, max: 2 }) }),
    { minLength: 5, maxLength: 5 },
  ),
  suspension: fc.option(fc.record({ period: fc.integer({ min: 0, max: 5 }), reinstated: fc.boolean() }), { freq: 3 }),
  network: fc.array(
    fc.record({
      stage: fc.constantFrom<'continuedSupport' | 'networkMember' | 'retired'>('continuedSupport', 'networkMember', 'retired'),
      decided: fc.boolean(),
      byGoverningBody: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  corrections: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  keep: fc.integer({ min: 3, max: 60 }),
  withdrawn: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
});

const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });
const SCORES = { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 };
/** The day random version 2 histories imported from the past are entered on. */
export const COE_V2_ENTRY_DAY = '2031-01-15';

/**
 * One random COE's commands with the day each is entered (its own business date when entered as
 * it happens, `COE_V2_ENTRY_DAY` when imported). Every command is one the rules may accept; the
 * ones they refuse (an extension beyond the Secretariat's limit, a date after the entry day...)
 * are left out by `runAccepted`, as an assessor's refused command would be.
 */
export function coeV2HistorySteps(coe: string, life: CoeV2Life): PortfolioStep[] {
  const entries: { date: string; command: Command }[] = [];
  const add = (date: string, command: Command) => entries.push({ date: firstDay(date), command });
  const rough = (date: string) => (life.partialDates ? date.slice(0, 7) : date);
  const host = life.otherHost ? { name: `Institute of ${coe}`, type: 'other' } : { name: 'Malaysia Productivity Corporation', type: 'npo' };
  add(
    '2021-09-01',
    c('SubmitApplication', {
      name: `COE ${coe}`,
      memberEconomy: 'MY',
      nominatingNpo: 'Malaysia Productivity Corporation',
      hostInstitution: host,
      focusArea: 'smart manufacturing',
      appliedOn: rough('2021-09-01'),
      ...(life.imported ? { historical: true } : {}),
    }),
  );
  add('2021-11-02', c('StartReview', { startedOn: '2021-11-02' }));
  const decided = '2022-03-10';
  const planned = addMonthsToDate(decided, life.launchIn);
  add(decided, c('DesignateCoe', { governingBody: { meeting: '62nd Governing Body Meeting', decisionDate: decided }, launchDate: planned }));
  let due = addMonthsToDate(planned, life.launchLate);
  // A launch already past when decided (always, when imported) comes with the designation.
  if (!life.imported && life.launchIn > 0) add(due, c('LaunchCoe', { launchedOn: due }));
  else due = planned;
  due = addMonthsToDate(due, 12);
  let ended = false;
  life.periods.forEach((period, i) => {
    if (ended) return;
    for (let r = 0; r < period.records; r++)
      add(
        addDaysToDate(due, -200 + 40 * r),
        c('RecordActivity', {
          activityId: `act-${i}-${r}`,
          kind: 'training',
          title: 'Lean line',
          date: rough(addDaysToDate(due, -200 + 40 * r)),
          participants: [{ economy: 'TH', count: 4 }],
          outputs: [],
        }),
      );
    if (i > 0)
      add(addDaysToDate(due, -150), c('RecordPublication', { publicationId: `pub-${i}`, kind: 'manual', title: 'Manual', date: addDaysToDate(due, -150) }));
    if (life.suspension?.period === i) {
      add(addDaysToDate(due, -120), c('SuspendCoe', { reason: 'host restructuring', suspendedOn: addDaysToDate(due, -120) }));
      if (!life.suspension.reinstated) return void (ended = true);
      add(addDaysToDate(due, -90), c('ReinstateCoe', { reinstatedOn: addDaysToDate(due, -90) }));
    }
    const assess = (on: string, rec: string, id: string) =>
      add(on, c('RecordAssessment', { assessmentId: id, assessedOn: on, scores: SCORES, recommendation: rec }));
    assess(addDaysToDate(due, -14), period.outcome, `a-${i}`);
    if (period.outcome === 'terminate') {
      add(due, c('TerminateCoe', { basis: 'assessment', reason: 'not performing', terminatedOn: due }));
      return void (ended = true);
    }
    if (period.outcome === 'extend') {
      const until = addMonthsToDate(due, period.months);
      const gb = period.byGoverningBody ? { governingBody: { meeting: 'Governing Body Meeting' } } : {};
      add(
        addDaysToDate(due, -7),
        c('ExtendPhase', {
          decidedBy: period.byGoverningBody ? 'governingBody' : 'secretariat',
          decidedOn: addDaysToDate(due, -7),
          until,
          reason: 'delayed',
          ...gb,
        }),
      );
      due = until;
      assess(addDaysToDate(due, -14), 'advance', `a-${i}-again`);
    }
    add(due, c('AdvanceCoe', { advancedOn: due }));
    due = addMonthsToDate(due, 12);
  });
  let assessed = addMonthsToDate(due, -12);
  life.network.forEach((status, n) => {
    if (ended) return;
    assessed = addMonthsToDate(assessed, 20);
    add(assessed, c('RecordStatusAssessment', { assessmentId: `s-${n}`, assessedOn: assessed, scores: SCORES, recommendedStage: status.stage }));
    if (!status.decided) return;
    const on = addDaysToDate(assessed, 30);
    const gb = status.byGoverningBody ? { governingBody: { meeting: 'Governing Body Meeting' } } : {};
    add(
      on,
      c('DecideNextStage', {
        stage: status.stage,
        decidedBy: status.byGoverningBody ? 'governingBody' : 'secretariat',
        decidedOn: on,
        reason: 'status assessment',
        ...gb,
      }),
    );
  });
  const kept = entries.slice(0, life.keep);
  const last = kept.reduce((latest, e) => (e.date > latest ? e.date : latest), kept[0].date);
  const later = (days: number) => addDaysToDate(last, days);
  const corrections: Command[] = [
    c('CorrectRecord', { corrects: { fact: 'launch' }, changes: { date: addDaysToDate(planned, 3) }, reason: 'typed from the wrong file' }),
    c('CorrectRecord', {
      corrects: { fact: 'advance', period: 'designation' },
      changes: { date: addDaysToDate(addMonthsToDate(planned, 12), 5) },
      reason: 'typed from the wrong file',
    }),
    c('CorrectRecord', { corrects: { fact: 'designationDecision' }, changes: { date: '2022-03-01' }, reason: 'typed from the wrong file' }),
    c('CorrectRecord', { corrects: { assessmentId: 'a-1' }, changes: { overall: 3.5 }, reason: 'typed from the wrong file' }),
    c('CorrectRecord', { corrects: { activityId: 'act-1-0' }, changes: { date: '2023' }, reason: 'typed from the wrong file' }),
    c('CorrectRecord', {
      corrects: { fact: 'cycleCompletion' },
      changes: { date: addDaysToDate(addMonthsToDate(planned, 60), 10) },
      reason: 'typed from the wrong file',
    }),
  ];
  const ending = [
    ...life.corrections.map((i) => ({ date: later(1), command: corrections[i] })),
    ...(life.withdrawn ? [{ date: later(2), command: c('WithdrawCoe', { reason: 'host withdrew', withdrawnOn: later(2) }) }] : []),
    ...(life.imported ? [{ date: COE_V2_ENTRY_DAY, command: c('CompleteHistoricalEntry', { upToDate: COE_V2_ENTRY_DAY }) }] : []),
  ];
  return [...kept, ...ending].map(({ date, command }) => ({ coe, on: life.imported ? COE_V2_ENTRY_DAY : date, role: 'admin', command }));
}

/** Runs the steps one by one (see `runSteps`), leaving out each command the rules refuse; resolves to how many were accepted. */
export async function runAccepted(store: EventStore, steps: readonly PortfolioStep[], registry: DefinitionRegistry): Promise<number> {
  let accepted = 0;
  for (const step of steps) {
    try {
      await runSteps(store, [step], registry);
      accepted++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return accepted;
}
