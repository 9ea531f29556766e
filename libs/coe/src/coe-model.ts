/** The COE life cycle's vocabulary: phases, periods, assessments, and the machine's context. */

export const PHASES = ['designation', 'delivery', 'replication'] as const;
export type Phase = (typeof PHASES)[number];

/** A period is a phase or one delivery year: each is assessed at its anniversary. */
export const PERIODS = ['designation', 'delivery.year1', 'delivery.year2', 'delivery.year3', 'replication'] as const;
export type PeriodKey = (typeof PERIODS)[number];

export const phaseOf = (period: PeriodKey): Phase => period.split('.')[0] as Phase;

/** The period after `period` in the 1-3-1 cycle, or undefined after replication (graduation). */
export const nextPeriod = (period: PeriodKey): PeriodKey | undefined => PERIODS[PERIODS.indexOf(period) + 1];

export const CRITERIA = ['competency', 'dissemination', 'collaboration', 'outputs', 'impact'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type Scores = Readonly<Record<Criterion, number>>;

export const RECOMMENDATIONS = ['advance', 'extend', 'terminate'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const ACTIVITY_KINDS = ['research', 'training', 'mentoring', 'workshop', 'benchmarking', 'pilotProject', 'studyMission', 'forum'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const PUBLICATION_KINDS = ['trainingKit', 'manual', 'caseStudy'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export const HOST_TYPES = ['npo', 'other'] as const;

export interface Period {
  readonly key: PeriodKey;
  /** Anniversary-based start (YYYY-MM-DD): the launch date, then each previous due date. */
  readonly start: string;
  /** When the period's assessment is due: start + 12 months + any extension. */
  readonly dueDate: string;
  readonly extendedMonths: number;
}

export interface LastAssessment {
  readonly assessmentId: string;
  readonly assessedOn: string;
  readonly recommendation: Recommendation;
  readonly overall: number;
}

export type ProposalStatus = 'submitted' | 'approved' | 'returned';

export interface ProposalRecord {
  readonly programmeYear: number;
  readonly status: ProposalStatus;
}

/** Everything the COE machine remembers; plain JSON, rebuilt from events. */
export interface CoeContext {
  readonly name?: string;
  readonly memberEconomy?: string;
  readonly focusArea?: string;
  readonly appliedOn?: string;
  readonly launchDate?: string;
  readonly period?: Period;
  /** The latest assessment of the current period (cleared when the period changes). */
  readonly lastAssessment?: LastAssessment;
  /** Phases that already used their one extension. */
  readonly extensionsUsed: readonly Phase[];
  readonly suspendedSince?: string;
  readonly proposals: Readonly<Record<string, ProposalRecord>>;
  /** Programme years whose proposal closing date an admin waived. */
  readonly waivedYears: readonly number[];
  readonly records: { readonly activities: number; readonly publications: number; readonly replications: number };
}

export const initialCoeContext: CoeContext = {
  extensionsUsed: [],
  proposals: {},
  waivedYears: [],
  records: { activities: 0, publications: 0, replications: 0 },
};
