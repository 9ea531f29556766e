import type { JsonObject } from '@apo/engine';
import type { ProposalSubmittedData } from '../coe-events';
import type { ProposalStatus } from '../coe-model';
import type {
  ApplicationSubmittedV2Data,
  AssessmentRecordedV2Data,
  CoeDesignatedV2Data,
  CoeLaunchedData,
  CoeTerminatedV2Data,
  CycleCompletedData,
  NextStageDecidedData,
  PhaseAdvancedV2Data,
  PhaseExtendedV2Data,
  StatusAssessmentRecordedData,
} from './coe-v2-events';
import type { CoeV2Context, GoverningBodyDecision, LifecycleFact, RecordKind, RelianceStep } from './coe-v2-model';

/**
 * How each event changes the version 2 context: pure functions from (context, event data) to
 * the fields that change, which the machine's `assign` actions apply. Decide computed every
 * derived fact into the event already; these only copy them.
 */
type Patch = Partial<CoeV2Context>;
const as = <T>(data: JsonObject): T => data as unknown as T;

const gb = (decision: GoverningBodyDecision | undefined) => (decision ? { governingBody: decision } : {});
const withFact = (context: CoeV2Context, fact: LifecycleFact): Pick<CoeV2Context, 'timeline'> => ({ timeline: [...context.timeline, fact] });

/** The assessment `id` was relied on by `step`: its recommendation can no longer be corrected. */
function reliedOn(context: CoeV2Context, id: string | undefined, step: RelianceStep): Pick<CoeV2Context, 'assessments'> | undefined {
  const assessment = id === undefined ? undefined : context.assessments[id];
  return assessment && id !== undefined ? { assessments: { ...context.assessments, [id]: { ...assessment, reliedOnBy: step } } } : undefined;
}

export function applicationSubmitted(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<ApplicationSubmittedV2Data>(data);
  return {
    name: d.name,
    memberEconomy: d.memberEconomy,
    focusArea: d.focusArea,
    nominatingNpo: d.nominatingNpo,
    hostInstitution: d.hostInstitution,
    appliedOn: d.appliedOn,
    historical: d.historical === true,
    ...withFact(context, { fact: 'application', date: d.appliedOn }),
  };
}

export const dated =
  (fact: 'reviewStart' | 'rejection' | 'withdrawal' | 'reinstatement', field: string) =>
  (context: CoeV2Context, data: JsonObject): Patch =>
    withFact(context, { fact, date: data[field] as string });

export function coeDesignated(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<CoeDesignatedV2Data>(data);
  return {
    designation: { governingBody: d.governingBody, plannedLaunchDate: d.plannedLaunchDate },
    ...withFact(context, { fact: 'designationDecision', date: d.governingBody.decisionDate, governingBody: d.governingBody }),
  };
}

export function coeLaunched(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<CoeLaunchedData>(data);
  return { launchDate: d.launchedOn, period: d.period, lastAssessment: undefined, ...withFact(context, { fact: 'launch', date: d.launchedOn }) };
}

export function assessmentRecorded(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<AssessmentRecordedV2Data>(data);
  return {
    lastAssessment: { assessmentId: d.assessmentId, assessedOn: d.assessedOn, recommendation: d.recommendation, overall: d.overall },
    assessments: {
      ...context.assessments,
      [d.assessmentId]: { kind: 'period', period: d.period, periodStart: context.period?.start, assessedOn: d.assessedOn, scores: d.scores, overall: d.overall, recommendation: d.recommendation },
    },
    ...withFact(context, { fact: 'assessment', date: d.assessedOn, assessmentId: d.assessmentId }),
  };
}

export function phaseAdvanced(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<PhaseAdvancedV2Data>(data);
  return {
    ...reliedOn(context, context.lastAssessment?.assessmentId, 'advance'),
    period: d.period,
    lastAssessment: undefined,
    ...withFact(context, { fact: 'advance', date: d.advancedOn, period: d.fromPeriod }),
  };
}

export function phaseExtended(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<PhaseExtendedV2Data>(data);
  const period = context.period as NonNullable<CoeV2Context['period']>;
  return {
    ...(d.decidedBy === 'secretariat' ? reliedOn(context, context.lastAssessment?.assessmentId, 'extension') : undefined),
    period: { ...period, dueDate: d.until },
    extensions: [...context.extensions, { period: d.period, decidedBy: d.decidedBy, decidedOn: d.decidedOn, previousDueDate: d.previousDueDate, until: d.until }],
    // The recommendation is used up: the new due date needs a fresh assessment.
    lastAssessment: undefined,
    ...withFact(context, { fact: 'extension', date: d.decidedOn, period: d.period, ...gb(d.governingBody) }),
  };
}

export function cycleCompleted(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<CycleCompletedData>(data);
  return {
    ...reliedOn(context, context.lastAssessment?.assessmentId, 'advance'),
    cycleEnd: d.cycleEnd,
    stage: 'continuedSupport',
    period: undefined,
    lastAssessment: undefined,
    ...withFact(context, { fact: 'cycleCompletion', date: d.completedOn, period: 'replication' }),
  };
}

export function statusAssessmentRecorded(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<StatusAssessmentRecordedData>(data);
  return {
    lastStatusAssessment: { assessmentId: d.assessmentId, assessedOn: d.assessedOn, recommendedStage: d.recommendedStage, overall: d.overall },
    statusAssessments: context.statusAssessments + 1,
    assessments: { ...context.assessments, [d.assessmentId]: { kind: 'status', assessedOn: d.assessedOn, scores: d.scores, overall: d.overall, recommendation: d.recommendedStage } },
    ...withFact(context, { fact: 'statusAssessment', date: d.assessedOn, assessmentId: d.assessmentId }),
  };
}

export function nextStageDecided(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<NextStageDecidedData>(data);
  return {
    ...(d.decidedBy === 'secretariat' ? reliedOn(context, context.lastStatusAssessment?.assessmentId, 'nextStageDecision') : undefined),
    stage: d.stage,
    ...withFact(context, { fact: 'nextStageDecision', date: d.decidedOn, ...gb(d.governingBody) }),
  };
}

export function coeTerminated(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<CoeTerminatedV2Data>(data);
  return {
    ...(d.basis === 'assessment' ? reliedOn(context, context.lastAssessment?.assessmentId, 'termination') : undefined),
    ...withFact(context, { fact: 'termination', date: d.terminatedOn, ...gb(d.governingBody) }),
  };
}

export const coeSuspended = (context: CoeV2Context, data: JsonObject, from: 'active' | 'network'): Patch => ({
  suspendedSince: data.suspendedOn as string,
  suspendedFrom: from,
  ...withFact(context, { fact: 'suspension', date: data.suspendedOn as string }),
});

export const coeReinstated = (context: CoeV2Context, data: JsonObject): Patch => ({
  suspendedSince: undefined,
  suspendedFrom: undefined,
  ...dated('reinstatement', 'reinstatedOn')(context, data),
});

export const recorded =
  (kind: RecordKind, idField: string) =>
  (context: CoeV2Context, data: JsonObject): Patch => ({
    records: { ...context.records, [kind]: { ...context.records[kind], [data[idField] as string]: data.date as string } },
  });

export function proposalSubmitted(context: CoeV2Context, data: JsonObject): Patch {
  const d = as<ProposalSubmittedData>(data);
  return { proposals: { ...context.proposals, [d.proposalId]: { programmeYear: d.programmeYear, status: 'submitted' } } };
}

export const proposalSettled =
  (status: ProposalStatus) =>
  (context: CoeV2Context, data: JsonObject): Patch => {
    const id = data.proposalId as string;
    return { proposals: { ...context.proposals, [id]: { ...context.proposals[id], status } } };
  };

export const closingDateWaived = (context: CoeV2Context, data: JsonObject): Patch => ({ waivedYears: [...context.waivedYears, data.programmeYear as number] });

export const historicalEntryCompleted = (_context: CoeV2Context, data: JsonObject): Patch => ({ historical: false, upToDate: data.upToDate as string });
