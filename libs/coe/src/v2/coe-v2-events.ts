import type { EventUnion, JsonObject } from '@apo/engine';
import type { ClosingDateWaivedData, CoeSuspendedData, ProposalSettledData, ProposalSubmittedData } from '../coe-events';
import type { PeriodKey, Recommendation, Scores } from '../coe-model';
import type { Decider, GoverningBodyDecision, LifecycleFactName, NextStage, PeriodV2 } from './coe-v2-model';

/** The events of version 2 (past tense), deadline notices included. Data is plain JSON. */
export const COE_V2_EVENT_TYPES = [
  'ApplicationSubmitted',
  'ReviewStarted',
  'ApplicationRejected',
  'CoeDesignated',
  'CoeLaunched',
  'AssessmentRecorded',
  'PhaseAdvanced',
  'PhaseExtended',
  'CycleCompleted',
  'StatusAssessmentRecorded',
  'NextStageDecided',
  'CoeTerminated',
  'CoeSuspended',
  'CoeReinstated',
  'CoeWithdrawn',
  'AnnualProposalSubmitted',
  'AnnualProposalApproved',
  'AnnualProposalReturned',
  'ProposalClosingDateWaived',
  'ActivityRecorded',
  'PublicationRecorded',
  'ReplicationRecorded',
  'RecordCorrected',
  'HistoricalEntryCompleted',
  'LaunchDueSoon',
  'LaunchDateReached',
  'LaunchBecameOverdue',
  'AssessmentDueSoon',
  'AssessmentFellDue',
  'AssessmentBecameOverdue',
  'DecisionDueSoon',
  'DecisionFellDue',
  'DecisionBecameOverdue',
  'ProposalWindowClosing',
  'ProposalClosingDateReached',
  'ProposalWindowClosed',
  'StatusAssessmentDueSoon',
  'StatusAssessmentFellDue',
  'StatusAssessmentBecameOverdue',
] as const;
export type CoeV2EventType = (typeof COE_V2_EVENT_TYPES)[number];

export interface ApplicationSubmittedV2Data {
  name: string;
  memberEconomy: string;
  nominatingNpo: string;
  hostInstitution: { name: string; type: 'npo' | 'other' };
  focusArea: string;
  appliedOn: string;
  /** Entered from history (import): no deadline opens until HistoricalEntryCompleted. */
  historical?: true;
}
/** The Governing Body's decision, dated on its decision date; the launch comes with CoeLaunched. */
export interface CoeDesignatedV2Data {
  governingBody: GoverningBodyDecision;
  plannedLaunchDate: string;
}
export interface CoeLaunchedData {
  launchedOn: string;
  plannedLaunchDate: string;
  /** The designation period, anchored on the actual launch. */
  period: PeriodV2;
}
export interface AssessmentRecordedV2Data {
  assessmentId: string;
  period: PeriodKey;
  assessedOn: string;
  scores: Scores;
  overall: number;
  recommendation: Recommendation;
  notes?: string;
}
export interface PhaseAdvancedV2Data {
  advancedOn: string;
  fromPeriod: PeriodKey;
  period: PeriodV2;
}
export interface PhaseExtendedV2Data {
  period: PeriodKey;
  decidedBy: Decider;
  decidedOn: string;
  /** The period's due date before and after the decision. */
  previousDueDate: string;
  until: string;
  reason: string;
  governingBody?: GoverningBodyDecision;
}
export interface CycleCompletedData {
  completedOn: string;
  fromPeriod: 'replication';
  /** The replication period's due date: the first status assessment counts from it. */
  cycleEnd: string;
}
export interface StatusAssessmentRecordedData {
  assessmentId: string;
  assessedOn: string;
  scores: Scores;
  overall: number;
  recommendedStage: NextStage;
  notes?: string;
}
export interface NextStageDecidedData {
  stage: NextStage;
  decidedBy: Decider;
  decidedOn: string;
  reason: string;
  governingBody?: GoverningBodyDecision;
}
export interface CoeTerminatedV2Data {
  basis: 'assessment' | 'governingBody';
  reason: string;
  terminatedOn: string;
  governingBody?: GoverningBodyDecision;
}

/** What a correction supersedes: an assessment, a record, or the date of a life-cycle fact. */
export type CorrectionIdentity =
  | { readonly assessmentId: string }
  | { readonly activityId: string }
  | { readonly publicationId: string }
  | { readonly replicationId: string }
  /** The `occurrence`-th (from 1) such fact, of `period` where one is given. */
  | { readonly fact: LifecycleFactName; readonly period?: PeriodKey; readonly occurrence: number };

export interface RecordCorrectedData {
  /** The stored event's type, and its business identity among the events of that type. */
  eventType: string;
  corrects: CorrectionIdentity;
  /** Exactly the top-level fields of the stored event's data that change, derived ones included. */
  patch: Record<string, unknown>;
  /** The corrected fact's business date after the correction, when the correction moves it. */
  effectiveDate?: string;
  reason: string;
}

/** Each version 2 event type's data; the types no reader folds (and the deadline notices) keep plain JSON. */
export interface CoeV2EventData {
  ApplicationSubmitted: ApplicationSubmittedV2Data;
  ReviewStarted: JsonObject;
  ApplicationRejected: JsonObject;
  CoeDesignated: CoeDesignatedV2Data;
  CoeLaunched: CoeLaunchedData;
  AssessmentRecorded: AssessmentRecordedV2Data;
  PhaseAdvanced: PhaseAdvancedV2Data;
  PhaseExtended: PhaseExtendedV2Data;
  CycleCompleted: CycleCompletedData;
  StatusAssessmentRecorded: StatusAssessmentRecordedData;
  NextStageDecided: NextStageDecidedData;
  CoeTerminated: CoeTerminatedV2Data;
  CoeSuspended: CoeSuspendedData;
  CoeReinstated: JsonObject;
  CoeWithdrawn: JsonObject;
  AnnualProposalSubmitted: ProposalSubmittedData;
  AnnualProposalApproved: ProposalSettledData;
  AnnualProposalReturned: ProposalSettledData;
  ProposalClosingDateWaived: ClosingDateWaivedData;
  ActivityRecorded: JsonObject;
  PublicationRecorded: JsonObject;
  ReplicationRecorded: JsonObject;
  RecordCorrected: RecordCorrectedData;
  HistoricalEntryCompleted: { upToDate: string };
}

/** A deadline notice of version 2 (a launch due soon, ...): plain JSON the machine only notes. */
export type CoeV2NoticeType = Exclude<CoeV2EventType, keyof CoeV2EventData>;

/** A COE event of version 2: its type and that type's data, one member per type. */
export type CoeV2Event = EventUnion<CoeV2EventData> | { readonly type: CoeV2NoticeType; readonly data: JsonObject };
