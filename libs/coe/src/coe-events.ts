import type { EventUnion, JsonObject } from '@apo/engine';
import type { Period, PeriodKey, Recommendation, Scores } from './coe-model';

/** Every event of the COE life cycle (past tense). Data is plain JSON with ISO date strings. */
export const COE_EVENT_TYPES = [
  'ApplicationSubmitted',
  'ReviewStarted',
  'ApplicationRejected',
  'CoeDesignated',
  'AssessmentRecorded',
  'PhaseAdvanced',
  'PhaseExtended',
  'CoeGraduated',
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
] as const;
export type CoeEventType = (typeof COE_EVENT_TYPES)[number];

export interface ApplicationSubmittedData {
  name: string;
  memberEconomy: string;
  nominatingNpo: string;
  hostInstitution: { name: string; type: 'npo' | 'other' };
  focusArea: string;
  appliedOn: string;
}
export interface CoeDesignatedData {
  governingBody: { meeting: string; decisionDate: string };
  launchDate: string;
  period: Period;
}
export interface AssessmentRecordedData {
  assessmentId: string;
  period: PeriodKey;
  assessedOn: string;
  scores: Scores;
  overall: number;
  recommendation: Recommendation;
  notes?: string;
}
export interface PhaseAdvancedData {
  fromPeriod: PeriodKey;
  period: Period;
}
export interface PhaseExtendedData {
  period: PeriodKey;
  months: number;
  reason: string;
  dueDate: string;
}
export interface CoeTerminatedData {
  basis: 'assessment' | 'governingBody';
  reason: string;
  terminatedOn: string;
  governingBody?: { meeting: string; decisionDate: string };
}
export interface ProposalSubmittedData {
  proposalId: string;
  programmeYear: number;
  title: string;
  submittedOn: string;
  closingDate: string;
  late: boolean;
}
export interface CoeSuspendedData {
  reason: string;
  suspendedOn: string;
}
/** An annual proposal approved (`approvedOn`) or returned (`returnedOn`, with a reason). */
export interface ProposalSettledData {
  proposalId: string;
  programmeYear: number;
  approvedOn?: string;
  returnedOn?: string;
  reason?: string;
}
export interface ClosingDateWaivedData {
  programmeYear: number;
  reason: string;
  waivedOn: string;
}

/** Each COE event type's data (version 1); the types no reader folds keep plain JSON. */
export interface CoeEventData {
  ApplicationSubmitted: ApplicationSubmittedData;
  ReviewStarted: JsonObject;
  ApplicationRejected: JsonObject;
  CoeDesignated: CoeDesignatedData;
  AssessmentRecorded: AssessmentRecordedData;
  PhaseAdvanced: PhaseAdvancedData;
  PhaseExtended: PhaseExtendedData;
  CoeGraduated: JsonObject;
  CoeTerminated: CoeTerminatedData;
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
}

/** A COE event (version 1): its type and that type's data, one member per type. */
export type CoeEvent = EventUnion<CoeEventData, CoeEventType>;
