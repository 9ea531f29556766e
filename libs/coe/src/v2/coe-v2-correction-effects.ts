import type { Recommendation, Scores } from '../coe-model';
import { RECORD_IDS, timelineIndex, type CorrectableFact, type RecordIdField } from './coe-v2-correction-target';
import type { CorrectionIdentity, RecordCorrectedData } from './coe-v2-events';
import type { AssessmentFact, CoeV2Context, GoverningBodyDecision, LifecycleFact, NextStage, PeriodV2 } from './coe-v2-model';

type Patch = Partial<CoeV2Context>;
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;
type FactIdentity = Extract<CorrectionIdentity, { fact: string }>;

/**
 * What a RecordCorrected changes in the current context: the corrected assessment (and the
 * latest assessment, when it is that one), record date, or fact date (and what hangs on it: the
 * launch re-anchors the designation period, a designation decision its Governing Body record).
 */
export function correctedContext(context: CoeV2Context, d: RecordCorrectedData): Patch {
  // Decide wrote both; a stored event edited without them changes nothing (verify reports the edit).
  if (!isObject(d.corrects) || !isObject(d.patch)) return {};
  const corrects = d.corrects as Record<string, unknown>;
  if (typeof corrects.assessmentId === 'string') return correctedAssessment(context, corrects.assessmentId, d.patch);
  const idField = (Object.keys(RECORD_IDS) as RecordIdField[]).find((field) => typeof corrects[field] === 'string');
  if (idField !== undefined) {
    const { kind } = RECORD_IDS[idField];
    const date = d.patch.date;
    return typeof date === 'string' ? { records: { ...context.records, [kind]: { ...context.records[kind], [corrects[idField] as string]: date } } } : {};
  }
  return correctedFact(context, d.corrects as FactIdentity, d);
}

function correctedAssessment(context: CoeV2Context, id: string, patch: Record<string, unknown>): Patch {
  const before = context.assessments[id];
  if (before === undefined) return {};
  const recommendation = (patch.recommendation ?? patch.recommendedStage) as AssessmentFact['recommendation'] | undefined;
  const after: AssessmentFact = {
    ...before,
    ...(typeof patch.assessedOn === 'string' ? { assessedOn: patch.assessedOn } : {}),
    ...(patch.scores !== undefined ? { scores: patch.scores as Scores } : {}),
    ...(typeof patch.overall === 'number' ? { overall: patch.overall } : {}),
    ...(recommendation !== undefined ? { recommendation } : {}),
  };
  const { assessedOn, overall } = after;
  const last = context.lastAssessment;
  const lastStatus = context.lastStatusAssessment;
  return {
    assessments: { ...context.assessments, [id]: after },
    ...(last?.assessmentId === id ? { lastAssessment: { ...last, assessedOn, overall, recommendation: after.recommendation as Recommendation } } : {}),
    ...(lastStatus?.assessmentId === id
      ? { lastStatusAssessment: { ...lastStatus, assessedOn, overall, recommendedStage: after.recommendation as NextStage } }
      : {}),
    timeline: context.timeline.map((item) => (item.assessmentId === id ? { ...item, date: assessedOn } : item)),
  };
}

function correctedFact(context: CoeV2Context, identity: FactIdentity, d: RecordCorrectedData): Patch {
  const index = timelineIndex(context.timeline, identity);
  const date = d.effectiveDate;
  if (index < 0 || date === undefined) return {};
  const governingBody = d.patch.governingBody as GoverningBodyDecision | undefined;
  const moved: LifecycleFact = { ...context.timeline[index], date, ...(governingBody ? { governingBody } : {}) };
  const timeline = context.timeline.map((item, i) => (i === index ? moved : item));
  return { timeline, ...factConsequences(context, identity, date, d.patch, timeline) };
}

/** The context fields a re-dated fact also carries. */
function factConsequences(
  context: CoeV2Context,
  identity: FactIdentity,
  date: string,
  patch: Record<string, unknown>,
  timeline: readonly LifecycleFact[],
): Patch {
  const fact = identity.fact as CorrectableFact;
  switch (fact) {
    case 'application':
      return { appliedOn: date };
    case 'designationDecision':
      return context.designation ? { designation: { ...context.designation, governingBody: patch.governingBody as GoverningBodyDecision } } : {};
    case 'launch': {
      const period = patch.period as PeriodV2 | undefined;
      const assessments = Object.fromEntries(
        Object.entries(context.assessments).map(([id, a]) => [id, a.period === 'designation' && period ? { ...a, periodStart: period.start } : a]),
      );
      return { launchDate: date, ...(period ? { period, assessments } : {}) };
    }
    case 'extension': {
      let seen = 0;
      const extensions = context.extensions.map((e) => (e.period === identity.period && ++seen === identity.occurrence ? { ...e, decidedOn: date } : e));
      return { extensions };
    }
    case 'suspension': {
      const lastSuspension = timeline.findLastIndex((item) => item.fact === 'suspension');
      const isLast = timelineIndex(timeline, identity) === lastSuspension;
      return context.suspendedSince !== undefined && isLast ? { suspendedSince: date } : {};
    }
    case 'reviewStart':
    case 'rejection':
    case 'advance':
    case 'reinstatement':
    case 'termination':
    case 'withdrawal':
    case 'cycleCompletion':
    case 'nextStageDecision':
      return {};
    default: {
      const _exhaustive: never = fact;
      return _exhaustive;
    }
  }
}
