import { definitelyBefore, readInput, ValidationError, type InputReader, type JsonObject, type NewEvent } from '@apo/engine';
import { PERIODS, RECOMMENDATIONS, type Scores } from '../coe-model';
import { periodLabel } from '../coe-deadlines';
import { COE_RULES, ensure } from '../coe-rules';
import { PERIOD_MONTHS } from '../coe-calendar';
import { monthsAfter } from './coe-v2-calendar';
import { ASSESSORS, meanScore, readScores, type CoeV2Input, type CoeV2Spec } from './coe-v2-command';
import { CORRECTABLE_FACTS, FACT_EVENTS, RECORD_IDS, type CorrectableFact, type RecordIdField } from './coe-v2-correction-target';
import { FACT_LABELS, latestFact, notAfterFact, notBeforeFact, notInFuture, withinLife, type DatedFactName } from './coe-v2-dates';
import type { CorrectionIdentity } from './coe-v2-events';
import { acceptsInStateV2 } from './coe-v2-machine';
import { NEXT_STAGES, type AssessmentFact, type LifecycleFact, type PeriodV2 } from './coe-v2-model';
import { activityFields, notOwnEconomy, publicationFields, replicationFields } from './coe-v2-record-commands';

type Patch = Record<string, unknown>;
const IDENTITY_KEYS = ['assessmentId', 'activityId', 'publicationId', 'replicationId', 'fact'] as const;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Only the fields the correction states: an optional list reads as [] when absent. */
const given = (read: Patch, raw: unknown): Patch =>
  Object.fromEntries(Object.entries(read).filter(([key]) => isObject(raw) && raw[key] !== undefined && raw[key] !== null));

/** The re-dated fact at `index` keeps the date order with the facts recorded before and after it. */
function inOrderAmong(timeline: readonly LifecycleFact[], index: number, date: string, field: string, fact: DatedFactName): void {
  notBeforeFact(date, field, fact, latestFact(timeline.slice(0, index)));
  for (const later of timeline.slice(index + 1)) notAfterFact(date, field, fact, later);
}

const changed = (patch: Patch, what: string): void =>
  ensure(Object.keys(patch).length > 0, COE_RULES.CORRECTION_CHANGES_NOTHING, `the correction of ${what} changes nothing that is recorded`);

function event(eventType: string, corrects: CorrectionIdentity, patch: Patch, reason: string, effectiveDate: string, moved: boolean): NewEvent {
  return { type: 'RecordCorrected', data: { eventType, corrects, patch, ...(moved ? { effectiveDate } : {}), reason } as JsonObject, effectiveDate };
}

function correctAssessment(input: CoeV2Input, id: string, raw: unknown, reason: string): NewEvent {
  const a = input.context.assessments[id] as AssessmentFact | undefined;
  ensure(a !== undefined, COE_RULES.CORRECTION_TARGET_NOT_FOUND, `no assessment ${id} is recorded`, { assessmentId: id });
  const assessment = a as AssessmentFact;
  const recommendationField = assessment.kind === 'period' ? 'recommendation' : 'recommendedStage';
  const ch = readInput(isObject(raw) ? raw : {}, (r) => ({
    assessedOn: r.businessDate('assessedOn', { optional: true }),
    scores: isObject(raw) && raw.scores !== undefined ? readScores(r) : undefined,
    overall: r.number('overall', 1, 5, { optional: true }),
    notes: r.text('notes', { optional: true, max: 5000 }),
    recommendation: r.oneOf<string>(recommendationField, assessment.kind === 'period' ? RECOMMENDATIONS : NEXT_STAGES, { optional: true }),
  }));
  const patch: Patch = {};
  if (ch.assessedOn !== undefined && ch.assessedOn !== assessment.assessedOn) {
    notInFuture(input, ch.assessedOn, 'changes.assessedOn');
    if (assessment.periodStart !== undefined) {
      ensure(
        !definitelyBefore(ch.assessedOn, assessment.periodStart),
        COE_RULES.ASSESSMENT_BEFORE_PERIOD,
        `changes.assessedOn ${ch.assessedOn} is before ${assessment.period} began on ${assessment.periodStart}`,
        {
          assessedOn: ch.assessedOn,
          periodStart: assessment.periodStart,
        },
      );
    }
    const timeline = input.context.timeline;
    inOrderAmong(
      timeline,
      timeline.findIndex((item) => item.assessmentId === id),
      ch.assessedOn,
      'changes.assessedOn',
      assessment.kind === 'period' ? 'assessment' : 'statusAssessment',
    );
    patch.assessedOn = ch.assessedOn;
  }
  if (ch.scores !== undefined && JSON.stringify(ch.scores) !== JSON.stringify(assessment.scores)) patch.scores = ch.scores;
  const overall = ch.overall ?? (patch.scores ? meanScore(ch.scores as Scores) : undefined);
  if (overall !== undefined && overall !== assessment.overall) patch.overall = overall;
  if (ch.notes !== undefined) patch.notes = ch.notes;
  if (ch.recommendation !== undefined && ch.recommendation !== assessment.recommendation) {
    const step = assessment.reliedOnBy;
    ensure(
      step === undefined,
      COE_RULES.CORRECTION_RELIED_ON,
      `assessment ${id} recommended ${assessment.recommendation} and the ${step} relied on it: a correction may change its scores, overall, notes and date, not its recommendation`,
      {
        assessmentId: id,
        recommendation: assessment.recommendation,
        reliedOnBy: step,
      },
    );
    patch[recommendationField] = ch.recommendation;
  }
  changed(patch, `assessment ${id}`);
  const eventType = assessment.kind === 'period' ? 'AssessmentRecorded' : 'StatusAssessmentRecorded';
  return event(
    eventType,
    { assessmentId: id },
    patch,
    reason,
    (patch.assessedOn as string | undefined) ?? assessment.assessedOn,
    patch.assessedOn !== undefined,
  );
}

const RECORD_FIELDS: Record<RecordIdField, (r: InputReader, optional: boolean) => Patch> = {
  activityId: activityFields,
  publicationId: publicationFields,
  replicationId: replicationFields,
};

function correctRecordOf(input: CoeV2Input, idField: RecordIdField, id: string, raw: unknown, reason: string): NewEvent {
  const { kind, eventType } = RECORD_IDS[idField];
  const date = input.context.records[kind][id];
  ensure(date !== undefined, COE_RULES.CORRECTION_TARGET_NOT_FOUND, `no ${idField} ${id} is recorded`, { [idField]: id });
  const patch = given(
    readInput(isObject(raw) ? raw : {}, (r) => RECORD_FIELDS[idField](r, true)),
    raw,
  );
  if (patch.date === date) delete patch.date;
  if (typeof patch.date === 'string') withinLife(input, patch.date, 'changes.date');
  if (idField === 'replicationId') notOwnEconomy(input, patch.targetEconomy as string | undefined);
  changed(patch, `${idField} ${id}`);
  return event(eventType, { [idField]: id } as CorrectionIdentity, patch, reason, (patch.date as string | undefined) ?? date, patch.date !== undefined);
}

/** The launch anchors the designation period: it moves with it only while the COE is still in designation. */
function relaunched(input: CoeV2Input, date: string): Patch {
  const { context } = input;
  const period = context.period;
  ensure(
    period?.key === 'designation',
    COE_RULES.CORRECTION_WOULD_REANCHOR,
    `the launch anchors the 1-3-1 calendar, which has moved on to ${period ? periodLabel(period.key) : 'the COE network'}; correcting it would move due dates already relied on`,
    {
      period: period?.key ?? null,
    },
  );
  for (const [kind, records] of Object.entries(context.records)) {
    for (const [id, recordDate] of Object.entries(records)) {
      ensure(!definitelyBefore(recordDate, date), COE_RULES.DATE_BEFORE_LAUNCH, `${kind} ${id} on ${recordDate} would be before the launch on ${date}`, {
        id,
        date: recordDate,
        launchDate: date,
      });
    }
  }
  const extended = context.extensions.some((e) => e.period === 'designation');
  const current = period as PeriodV2;
  return { launchedOn: date, period: { key: 'designation', start: date, dueDate: extended ? current.dueDate : monthsAfter(date, PERIOD_MONTHS) } };
}

/** The stored fields a fact's new date changes (its date field, and what hangs on it). */
function factPatch(input: CoeV2Input, fact: CorrectableFact, item: LifecycleFact, date: string): Patch {
  const planned = input.context.designation?.plannedLaunchDate;
  switch (fact) {
    case 'designationDecision':
      if (planned !== undefined && input.context.launchDate === undefined) {
        ensure(
          !definitelyBefore(planned, date),
          COE_RULES.LAUNCH_BEFORE_DECISION,
          `the planned launch date ${planned} cannot precede the Governing Body decision of ${date}`,
          { launchDate: planned, decisionDate: date },
        );
      }
      return { governingBody: { ...item.governingBody, decisionDate: date } };
    case 'launch':
      return relaunched(input, date);
    case 'extension':
    case 'nextStageDecision':
      return { decidedOn: date, ...(item.governingBody ? { governingBody: { ...item.governingBody, decisionDate: date } } : {}) };
    default:
      return { [FACT_EVENTS[fact].dateField]: date };
  }
}

function correctFact(input: CoeV2Input, raw: unknown, changes: unknown, reason: string): NewEvent {
  const c = readInput(isObject(raw) ? raw : {}, (r) => ({
    fact: r.oneOf('fact', CORRECTABLE_FACTS),
    period: r.oneOf('period', PERIODS, { optional: true }),
    on: r.businessDate('on', { optional: true }),
  }));
  const { date } = readInput(isObject(changes) ? changes : {}, (r) => ({ date: r.businessDate('date') }));
  const timeline = input.context.timeline;
  const matches = timeline.flatMap((item, index) =>
    item.fact === c.fact && (c.period === undefined || item.period === c.period) && (c.on === undefined || item.date === c.on) ? [index] : [],
  );
  const what = `${FACT_LABELS[c.fact]}${c.period ? ` of ${c.period}` : ''}${c.on ? ` on ${c.on}` : ''}`;
  ensure(matches.length > 0, COE_RULES.CORRECTION_TARGET_NOT_FOUND, `no ${what.replace(/^(the|an?) /, '')} is recorded`, { fact: c.fact });
  ensure(
    matches.length === 1,
    COE_RULES.CORRECTION_TARGET_AMBIGUOUS,
    `${matches.length} facts match ${what} (on ${matches.map((i) => timeline[i].date).join(', ')}); name the one to correct with corrects.on`,
    {
      dates: matches.map((i) => timeline[i].date),
    },
  );
  const index = matches[0];
  const item = timeline[index];
  ensure(item.date !== date, COE_RULES.CORRECTION_CHANGES_NOTHING, `${what} is already recorded on ${date}`);
  notInFuture(input, date, 'changes.date');
  inOrderAmong(timeline, index, date, 'changes.date', c.fact);
  const scoped = FACT_EVENTS[c.fact].periodField !== undefined;
  const occurrence = timeline.slice(0, index + 1).filter((f) => f.fact === c.fact && (!scoped || f.period === item.period)).length;
  const identity = { fact: c.fact, ...(scoped ? { period: item.period } : {}), occurrence } as CorrectionIdentity;
  return event(FACT_EVENTS[c.fact].eventType, identity, factPatch(input, c.fact, item, date), reason, date, true);
}

/**
 * CorrectRecord supersedes a fact already recorded, named by its business identity: an
 * assessment by `assessmentId`, a record by its id, or a life-cycle fact (`{ fact, period?, on? }`).
 * `changes` states what changes; `reason` says why. Nothing stored is edited: RecordCorrected
 * carries the patch of the stored event's data, which the context and the as-of replay apply.
 */
export const correctRecord: CoeV2Spec = {
  roles: ASSESSORS,
  emits: ['RecordCorrected'],
  http: {
    path: 'corrections',
    summary: 'Correct a recorded fact (a new event superseding it, with a reason)',
    description:
      'Nothing stored is edited: RecordCorrected carries the patch of the superseded event, which the state, the as-of time travel and the history use. `corrects` names one fact: an assessment (`assessmentId`), a record (`activityId`, `publicationId`, `replicationId`) or a life-cycle fact (`fact`, with `period` or `on` when it happened more than once); `changes` states what changes (an assessment: assessedOn, scores, overall, notes, recommendation or recommendedStage; a record: its fields; a life-cycle fact: `date`). Rule codes: COE.CORRECTION_TARGET_NOT_FOUND, COE.CORRECTION_TARGET_AMBIGUOUS, COE.CORRECTION_CHANGES_NOTHING, COE.CORRECTION_RELIED_ON, COE.CORRECTION_WOULD_REANCHOR, COE.DATE_OUT_OF_ORDER. A COE recorded on definition version 1 does not take this command (400 VALIDATION_FAILED naming the commands of its version).',
    examples: {
      example: {
        summary: 'An assessment typed with the wrong date',
        value: { corrects: { assessmentId: 'as-2026-06-10' }, changes: { assessedOn: '2026-06-01' }, reason: 'dated from the wrong minutes' },
      },
    },
  },
  decide: (input, data): NewEvent[] => {
    const { reason, corrects, changes } = readInput(data, (r) => ({
      reason: r.text('reason'),
      corrects: r.object('corrects', () => data.corrects as JsonObject),
      changes: r.object('changes', () => data.changes),
    }));
    const named = IDENTITY_KEYS.filter((key) => corrects[key] !== undefined && corrects[key] !== null);
    if (named.length !== 1) throw new ValidationError([{ field: 'corrects', message: `must name exactly one of ${IDENTITY_KEYS.join(', ')}` }]);
    if (!acceptsInStateV2(input.state, 'RecordCorrected')) return [{ type: 'RecordCorrected', data: { corrects, changes, reason } as JsonObject }];
    const key = named[0];
    if (key === 'fact') return [correctFact(input, corrects, changes, reason)];
    const id = readInput(corrects, (r) => r.string(key, { max: 100 }));
    if (key === 'assessmentId') return [correctAssessment(input, id, changes, reason)];
    return [correctRecordOf(input, key, id, changes, reason)];
  },
};
