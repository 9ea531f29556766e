import type { operations } from '../api-schema';

type CoeQuery = NonNullable<operations['listCoes']['parameters']['query']>;
type BcnQuery = NonNullable<operations['listBcnExchanges']['parameters']['query']>;

/** A select's options: a value the API accepts and the words a person reads. */
export type Choices<V extends string> = Readonly<Record<V, string>>;

/** The values of a select, in its order. */
export const valuesOf = <V extends string>(choices: Choices<V>): V[] => Object.keys(choices) as V[];

// Records keyed by the API's enums: a value added to the OpenAPI document and missing here fails `tsc`.

/** The 21 APO member economies (libs/reference/src/apo-members.json). */
export const ECONOMIES: Choices<NonNullable<CoeQuery['memberEconomy']>> = {
  BD: 'Bangladesh',
  KH: 'Cambodia',
  TW: 'Republic of China',
  FJ: 'Fiji',
  HK: 'Hong Kong',
  IN: 'India',
  ID: 'Indonesia',
  IR: 'IR Iran',
  JP: 'Japan',
  KR: 'Republic of Korea',
  LA: 'Lao PDR',
  MY: 'Malaysia',
  MN: 'Mongolia',
  NP: 'Nepal',
  PK: 'Pakistan',
  PH: 'Philippines',
  SG: 'Singapore',
  LK: 'Sri Lanka',
  TH: 'Thailand',
  TR: 'Türkiye',
  VN: 'Vietnam',
};

export const COE_PHASES: Choices<NonNullable<CoeQuery['phase']>> = {
  applied: 'Applied',
  underReview: 'Under review',
  designated: 'Designated (launching)',
  designation: 'Designation year',
  delivery: 'Delivery',
  replication: 'Replication',
  network: 'COE network',
  suspended: 'Suspended',
  graduated: 'Graduated',
  retired: 'Retired',
  rejected: 'Rejected',
  terminated: 'Terminated',
  withdrawn: 'Withdrawn',
};

export const HOST_TYPES: Choices<NonNullable<CoeQuery['hostType']>> = { npo: 'An NPO', other: 'Another institution' };

export const BCN_STATES: Choices<NonNullable<BcnQuery['state']>> = {
  draft: 'Draft',
  submitted: 'Submitted',
  proposed: 'Proposed',
  approved: 'Approved',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  implemented: 'Implemented',
  reported: 'Reported',
  followUp: 'Follow-up',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

export const ORIGINS: Choices<NonNullable<BcnQuery['origin']>> = { application: 'Application by an NPO', secretariat: 'Secretariat proposal' };
export const MODALITIES: Choices<NonNullable<BcnQuery['modality']>> = { virtual: 'Virtual', faceToFace: 'Face to face' };

/** The words for a value of a choice, or the value itself when unknown (or a dash when there is none). */
export const wordFor = <V extends string>(choices: Choices<V>, value: string | null | undefined): string =>
  value === null || value === undefined ? '—' : ((choices as Record<string, string>)[value] ?? value);
