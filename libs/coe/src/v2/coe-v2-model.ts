import type { PeriodKey, ProposalRecord, Recommendation, Scores } from '../coe-model';

/**
 * Version 2 of the COE life cycle's vocabulary. Every business date is a partial date as people
 * know it (`2017`, `2015-04` or `2015-04-10`, see @apo/engine business-date.ts).
 */

/** After the 1-3-1 cycle: continued APO support, network member without APO funding, or retired. */
export const NEXT_STAGES = ['continuedSupport', 'networkMember', 'retired'] as const;
export type NextStage = (typeof NEXT_STAGES)[number];

export const DECIDERS = ['secretariat', 'governingBody'] as const;
export type Decider = (typeof DECIDERS)[number];

export interface GoverningBodyDecision {
  readonly meeting: string;
  readonly decisionDate: string;
}

export interface PeriodV2 {
  readonly key: PeriodKey;
  /** The launch date, then each previous due date (business dates, possibly partial). */
  readonly start: string;
  /** Start + 12 months, or the `until` of the latest extension. */
  readonly dueDate: string;
}

/** Life-cycle facts: each is dated no earlier than the latest one already recorded. */
export const LIFECYCLE_FACTS = [
  'application',
  'reviewStart',
  'rejection',
  'designationDecision',
  'launch',
  'assessment',
  'advance',
  'extension',
  'suspension',
  'reinstatement',
  'termination',
  'withdrawal',
  'cycleCompletion',
  'statusAssessment',
  'nextStageDecision',
] as const;
export type LifecycleFactName = (typeof LIFECYCLE_FACTS)[number];

/**
 * One dated fact, in the order recorded. `period` scopes advances and extensions; assessments
 * carry their id; a Governing Body decision (designation, extension, termination, next stage)
 * carries its meeting and decision date.
 */
export interface LifecycleFact {
  readonly fact: LifecycleFactName;
  readonly date: string;
  readonly period?: PeriodKey;
  readonly assessmentId?: string;
  readonly governingBody?: GoverningBodyDecision;
}

/** What a later step relied on an assessment for: its recommendation can no longer be corrected. */
export type RelianceStep = 'advance' | 'extension' | 'termination' | 'nextStageDecision';

/** An assessment as the context keeps it, for corrections by id. */
export interface AssessmentFact {
  readonly kind: 'period' | 'status';
  /** The period assessed (period assessments), and its start when assessed. */
  readonly period?: PeriodKey;
  readonly periodStart?: string;
  readonly assessedOn: string;
  readonly scores: Scores;
  readonly overall: number;
  /** `advance | extend | terminate`, or the next stage a status assessment recommends. */
  readonly recommendation: Recommendation | NextStage;
  readonly reliedOnBy?: RelianceStep;
}

export interface LastAssessmentV2 {
  readonly assessmentId: string;
  readonly assessedOn: string;
  readonly recommendation: Recommendation;
  readonly overall: number;
}

export interface LastStatusAssessment {
  readonly assessmentId: string;
  readonly assessedOn: string;
  readonly recommendedStage: NextStage;
  readonly overall: number;
}

export interface ExtensionFact {
  readonly period: PeriodKey;
  readonly decidedBy: Decider;
  readonly decidedOn: string;
  readonly previousDueDate: string;
  readonly until: string;
}

export const RECORD_KINDS = ['activities', 'publications', 'replications'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Everything the version 2 machine remembers; plain JSON, rebuilt from events. */
export interface CoeV2Context {
  readonly name?: string;
  readonly memberEconomy?: string;
  readonly focusArea?: string;
  readonly nominatingNpo?: string;
  readonly hostInstitution?: { readonly name: string; readonly type: 'npo' | 'other' };
  readonly appliedOn?: string;
  /** Entered from history (an import) and not yet brought up to date: no deadline opens. */
  readonly historical: boolean;
  /** The date a historical entry was brought up to. */
  readonly upToDate?: string;
  /** The Governing Body's designation and the launch it planned. */
  readonly designation?: { readonly governingBody: GoverningBodyDecision; readonly plannedLaunchDate: string };
  readonly launchDate?: string;
  readonly period?: PeriodV2;
  /** The latest assessment of the current period (cleared when the period or its due date changes). */
  readonly lastAssessment?: LastAssessmentV2;
  readonly assessments: Readonly<Record<string, AssessmentFact>>;
  readonly extensions: readonly ExtensionFact[];
  /** The replication period's due date when the cycle completed: status assessments count from it. */
  readonly cycleEnd?: string;
  readonly lastStatusAssessment?: LastStatusAssessment;
  /** In the network: the stage decided (continued support until a decision says otherwise). */
  readonly stage?: NextStage;
  readonly statusAssessments: number;
  readonly suspendedSince?: string;
  /** Where a suspension came from, so reinstatement returns there (deep history of each). */
  readonly suspendedFrom?: 'active' | 'network';
  readonly timeline: readonly LifecycleFact[];
  readonly proposals: Readonly<Record<string, ProposalRecord>>;
  readonly waivedYears: readonly number[];
  /** Record ids with their dates, per kind. */
  readonly records: Readonly<Record<RecordKind, Readonly<Record<string, string>>>>;
}

export const initialCoeV2Context: CoeV2Context = {
  historical: false,
  assessments: {},
  extensions: [],
  statusAssessments: 0,
  timeline: [],
  proposals: {},
  waivedYears: [],
  records: { activities: {}, publications: {}, replications: {} },
};
