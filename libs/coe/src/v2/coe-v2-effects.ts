import type { JsonObject } from '@apo/engine';
import type { ClosingDateWaivedData, CoeSuspendedData, ProposalSettledData, ProposalSubmittedData } from '../coe-events';
import type { ProposalStatus } from '../coe-model';
import type {
  ApplicationSubmittedV2Data,
  AssessmentRecordedV2Data,
  CoeDesignatedV2Data,
  CoeLaunchedData,
  CoeTerminatedV2Data,
  CoeV2EventData,
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

const gb = (decision: GoverningBodyDecision | undefined) => (decision ? { governingBody: decision } : {});
const withFact = (context: CoeV2Context, fact: LifecycleFact): Pick<CoeV2Context, 'timeline'> => ({ timeline: [...context.timeline, fact] });

/** The assessment `id` was relied on by `step`: its recommendation can no longer be corrected. */
function reliedOn(context: CoeV2Context, id: string | undefined, step: RelianceStep): Pick<CoeV2Context, 'assessments'> | undefined {
  const assessment = id === undefined ? undefined : context.assessments[id];
  return assessment && id !== undefined ? { assessments: { ...context.assessments, [id]: { ...assessment, reliedOnBy: step } } } : undefined;
}

export function applicationSubmitted(context: CoeV2Context, d: ApplicationSubmittedV2Data): Patch {
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

export function coeDesignated(context: CoeV2Context, d: CoeDesignatedV2Data): Patch {
  return {
    designation: { governingBody: d.governingBody, plannedLaunchDate: d.plannedLaunchDate },
    ...withFact(context, { fact: 'designationDecision', date: d.governingBody.decisionDate, governingBody: d.governingBody }),
  };
}

export function coeLaunched(context: CoeV2Context, d: CoeLaunchedData): Patch {
  return { launchDate: d.launchedOn, period: d.period, lastAssessment: undefined, ...withFact(context, { fact: 'launch', date: d.launchedOn }) };
}

export function assessmentRecorded(context: CoeV2Context, d: AssessmentRecordedV2Data): Patch {
  return {
    lastAssessment: { assessmentId: d.assessmentId, assessedOn: d.assessedOn, recommendation: d.recommendation, overall: d.overall },
    assessments: {
      ...context.assessments,
      [d.assessmentId]: {
        kind: 'period',
        period: d.period,
        periodStart: context.period?.start,
        assessedOn: d.assessedOn,
        scores: d.scores,
        overall: d.overall,
        recommendation: d.recommendation,
      },
    },
    ...withFact(context, { fact: 'assessment', date: d.assessedOn, assessmentId: d.assessmentId }),
  };
}

export function phaseAdvanced(context: CoeV2Context, d: PhaseAdvancedV2Data): Patch {
  return {
    ...reliedOn(context, context.lastAssessment?.assessmentId, 'advance'),
    period: d.period,
    lastAssessment: undefined,
    ...withFact(context, { fact: 'advance', date: d.advancedOn, period: d.fromPeriod }),
  };
}

export function phaseExtended(context: CoeV2Context, d: PhaseExtendedV2Data): Patch {
  const period = context.period as NonNullable<CoeV2Context['period']>;
  return {
    ...(d.decidedBy === 'secretariat' ? reliedOn(context, context.lastAssessment?.assessmentId, 'extension') : undefined),
    period: { ...period, dueDate: d.until },
    extensions: [
      ...context.extensions,
      { period: d.period, decidedBy: d.decidedBy, decidedOn: d.decidedOn, previousDueDate: d.previousDueDate, until: d.until },
    ],
    // The recommendation is used up: the new due date needs a fresh assessment.
    lastAssessment: undefined,
    ...withFact(context, { fact: 'extension', date: d.decidedOn, period: d.period, ...gb(d.governingBody) }),
  };
}

export function cycleCompleted(context: CoeV2Context, d: CycleCompletedData): Patch {
  return {
    ...reliedOn(context, context.lastAssessment?.assessmentId, 'advance'),
    cycleEnd: d.cycleEnd,
    stage: 'continuedSupport',
    period: undefined,
    lastAssessment: undefined,
    ...withFact(context, { fact: 'cycleCompletion', date: d.completedOn, period: 'replication' }),
  };
}

export function statusAssessmentRecorded(context: CoeV2Context, d: StatusAssessmentRecordedData): Patch {
  return {
    lastStatusAssessment: { assessmentId: d.assessmentId, assessedOn: d.assessedOn, recommendedStage: d.recommendedStage, overall: d.overall },
    statusAssessments: context.statusAssessments + 1,
    assessments: {
      ...context.assessments,
      [d.assessmentId]: { kind: 'status', assessedOn: d.assessedOn, scores: d.scores, overall: d.overall, recommendation: d.recommendedStage },
    },
    ...withFact(context, { fact: 'statusAssessment', date: d.assessedOn, assessmentId: d.assessmentId }),
  };
}

export function nextStageDecided(context: CoeV2Context, d: NextStageDecidedData): Patch {
  return {
    ...(d.decidedBy === 'secretariat' ? reliedOn(context, context.lastStatusAssessment?.assessmentId, 'nextStageDecision') : undefined),
    stage: d.stage,
    ...withFact(context, { fact: 'nextStageDecision', date: d.decidedOn, ...gb(d.governingBody) }),
  };
}

export function coeTerminated(context: CoeV2Context, d: CoeTerminatedV2Data): Patch {
  return {
    ...(d.basis === 'assessment' ? reliedOn(context, context.lastAssessment?.assessmentId, 'termination') : undefined),
    ...withFact(context, { fact: 'termination', date: d.terminatedOn, ...gb(d.governingBody) }),
  };
}

export const coeSuspended = (context: CoeV2Context, data: CoeSuspendedData, from: 'active' | 'network'): Patch => ({
  suspendedSince: data.suspendedOn,
  suspendedFrom: from,
  ...withFact(context, { fact: 'suspension', date: data.suspendedOn }),
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

export function proposalSubmitted(context: CoeV2Context, d: ProposalSubmittedData): Patch {
  return { proposals: { ...context.proposals, [d.proposalId]: { programmeYear: d.programmeYear, status: 'submitted' } } };
}

export const proposalSettled =
  (status: ProposalStatus) =>
  (context: CoeV2Context, data: ProposalSettledData): Patch => {
    const id = data.proposalId;
    return { proposals: { ...context.proposals, [id]: { ...context.proposals[id], status } } };
  };

export const closingDateWaived = (context: CoeV2Context, data: ClosingDateWaivedData): Patch => ({ waivedYears: [...context.waivedYears, data.programmeYear] });

export const historicalEntryCompleted = (_context: CoeV2Context, data: CoeV2EventData['HistoricalEntryCompleted']): Patch => ({
  historical: false,
  upToDate: data.upToDate,
});
