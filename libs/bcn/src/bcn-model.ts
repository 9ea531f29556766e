/** The BCN exchange's vocabulary (2023 programme notification) and the machine's context. */

export const MODALITIES = ['virtual', 'faceToFace'] as const;
export type Modality = (typeof MODALITIES)[number];

/** Overseas participants per activity: "up to 10 for a virtual activity or four for a face-to-face activity". */
export const PARTICIPANT_LIMITS: Readonly<Record<Modality, number>> = { virtual: 10, faceToFace: 4 };

/** "Qualifications: high-level officials/policymakers and NPO officials." */
export const ELIGIBLE_CATEGORIES = ['highLevelOfficial', 'policymaker', 'npoOfficial'] as const;

/** Every category a roster may name; the others are recorded so the refusal can say who is not eligible. */
export const PARTICIPANT_CATEGORIES = [...ELIGIBLE_CATEGORIES, 'privateSector', 'academic', 'consultant', 'other'] as const;
export type ParticipantCategory = (typeof PARTICIPANT_CATEGORIES)[number];

export const isEligible = (category: unknown): boolean => (ELIGIBLE_CATEGORIES as readonly unknown[]).includes(category);

/** Follow-up activities that turn an exchange into a long-term collaboration. */
export const FOLLOW_UP_KINDS = ['jointProject', 'expertExchange', 'training', 'research', 'agreement', 'other'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Who started the exchange: a sending NPO's application (in a window) or the Secretariat (no window). */
export const ORIGINS = ['application', 'secretariat'] as const;
export type Origin = (typeof ORIGINS)[number];

export const WITHDRAWN_BY = ['sendingNpo', 'hostingNpo', 'secretariat'] as const;

/** An NPO as recorded in an event: its member economy (the id) and its name at the time. */
export interface NpoRef {
  readonly economy: string;
  readonly name: string;
}

/**
 * One overseas participant. Name and position are personal data (`BCN_PERSONAL_DATA`): stored,
 * folded and snapshotted sealed; opened only in what a reader with the right is sent.
 */
export interface Participant {
  /** The data subject: the NPO's id for the person, or one the engine made up. */
  readonly personId?: string;
  readonly name: string;
  readonly position: string;
  readonly category: ParticipantCategory;
}

export interface Schedule {
  readonly startDate: string;
  readonly endDate: string;
  readonly modality: Modality;
  readonly hostingNpo: NpoRef;
  readonly venue?: string;
  readonly participants: readonly Participant[];
}

/** Everything the BCN machine remembers; plain JSON, rebuilt from events. */
export interface BcnContext {
  readonly title?: string;
  readonly topic?: string;
  readonly programmeYear?: number;
  readonly sendingNpo?: NpoRef;
  /** The hosting NPO requested in the draft, then the one the schedule confirms. */
  readonly hostingNpo?: NpoRef;
  readonly origin?: Origin;
  /** Application window (1: first closing date, 2: second); absent for Secretariat proposals. */
  readonly window?: number;
  readonly closingDate?: string;
  readonly draftedOn?: string;
  /** Submitted (application) or proposed (Secretariat) on. */
  readonly appliedOn?: string;
  readonly decidedOn?: string;
  readonly schedule?: Schedule;
  readonly implementedOn?: string;
  readonly reportedOn?: string;
  readonly followUps: readonly string[];
  readonly lastFollowUpOn?: string;
  readonly closedOn?: string;
  readonly withdrawnOn?: string;
  /** Business date of the last step of the life cycle: the next one may not be dated earlier. */
  readonly lastStepOn?: string;
}

export const initialBcnContext: BcnContext = { followUps: [] };
