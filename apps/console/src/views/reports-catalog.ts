import type { paths } from '../api-schema';
import { COE_PHASES as PHASE_WORDS, ECONOMIES as ECONOMY_NAMES, valuesOf } from './choices';

/** The report routes the console shows: every GET /reports/* and /deadlines (each answers JSON pages or CSV). */
export type ReportPath = Extract<keyof paths, `/reports/${string}`> | '/deadlines';
type QueryOf<P extends ReportPath> = NonNullable<paths[P]['get']['parameters']['query']>;

/** One query parameter of a report as a form field: its kind decides the input (a select lists the OpenAPI enum). */
export interface ReportFilter {
  readonly name: string;
  readonly label: string;
  readonly kind: 'text' | 'select' | 'yes-no' | 'number' | 'date';
  readonly options?: readonly string[];
  readonly help?: string;
}

/** The charts a report can draw from its rows (src/charts/report-charts.tsx). */
export type ChartKind =
  | 'coes-by-phase'
  | 'coes-by-economy'
  | 'phase-timeline'
  | 'assessment-scores'
  | 'activities-per-year'
  | 'participants-per-year'
  | 'bcn-windows';

export interface ReportSpec {
  /** The heading it is listed under. */
  readonly group: 'COEs' | 'BCN exchanges' | 'Deadlines';
  /** Its address in the console (reports/<name>) and the CSV file's name. */
  readonly name: string;
  readonly path: ReportPath;
  readonly title: string;
  readonly summary: string;
  readonly filters: readonly ReportFilter[];
  readonly charts: readonly ChartKind[];
}

/** A filter of one query parameter: its name one of the route's, its options (if any) from the parameter's enum. */
type FilterOf<Q> = { [K in keyof Q & string]: Omit<ReportFilter, 'name' | 'options'> & { name: K; options?: readonly NonNullable<Q[K]>[] } }[keyof Q & string];

/** Filters checked against the route's query parameters: a typo, a removed parameter or an option the API does not know fails `tsc`. */
const filters = <P extends ReportPath>(_path: P, list: readonly FilterOf<QueryOf<P>>[]): readonly ReportFilter[] => list as readonly ReportFilter[];

/** The APO member economies (ISO 3166-1 alpha-2), as the OpenAPI enumerates them. */
const ECONOMIES = valuesOf(ECONOMY_NAMES);
const COE_PHASES = valuesOf(PHASE_WORDS);
const YES_NO = { kind: 'yes-no' } as const;

const coeId = { name: 'coeId', label: 'COE id', kind: 'text' } as const;
const year = { name: 'year', label: 'Year', kind: 'number' } as const;
const hostFilters = [
  { name: 'memberEconomy', label: 'Member economy', kind: 'select', options: ECONOMIES },
  { name: 'focusArea', label: 'Focus area', kind: 'text', help: 'Exact name, any case' },
  { name: 'host', label: 'Host institution', kind: 'text', help: 'Part of its name' },
  { name: 'hostType', label: 'Host type', kind: 'select', options: ['npo', 'other'] },
  { name: 'nominatingNpo', label: 'Nominating NPO', kind: 'text', help: 'Exact name, any case' },
] as const;
const bcnEconomies = [
  { name: 'sendingEconomy', label: 'Sending economy', kind: 'select', options: ECONOMIES },
  { name: 'hostingEconomy', label: 'Hosting economy', kind: 'select', options: ECONOMIES },
] as const;

export const REPORTS: readonly ReportSpec[] = [
  {
    group: 'COEs',
    name: 'coe-overview',
    path: '/reports/coe-overview',
    title: 'COE overview',
    summary: 'One row per COE: host, nominating NPO, phase, status, next due date, overdue, last assessment and records.',
    filters: filters('/reports/coe-overview', [
      coeId,
      ...hostFilters,
      { name: 'phase', label: 'Phase', kind: 'select', options: COE_PHASES },
      { name: 'dueBefore', label: 'Due before', kind: 'date' },
      { name: 'overdue', label: 'Overdue', ...YES_NO },
    ]),
    charts: ['coes-by-phase', 'coes-by-economy'],
  },
  {
    group: 'COEs',
    name: 'portfolio',
    path: '/reports/portfolio',
    title: 'Portfolio summary',
    summary: 'COEs by member economy, nominating NPO, host institution and focus area, counted by phase.',
    filters: filters('/reports/portfolio', hostFilters),
    charts: ['coes-by-phase', 'coes-by-economy'],
  },
  {
    group: 'COEs',
    name: 'phase-history',
    path: '/reports/phase-history',
    title: 'Phase history',
    summary: 'Every period each COE went through against its 1-3-1 plan: start, due date, end, on schedule or late.',
    filters: filters('/reports/phase-history', [
      coeId,
      {
        name: 'period',
        label: 'Period',
        kind: 'select',
        options: [
          'designated',
          'designation',
          'delivery.year1',
          'delivery.year2',
          'delivery.year3',
          'replication',
          'network.continuedSupport',
          'network.member',
        ],
      },
      { name: 'phase', label: 'Phase', kind: 'select', options: ['designated', 'designation', 'delivery', 'replication', 'network'] },
      {
        name: 'outcome',
        label: 'Outcome',
        kind: 'select',
        options: ['advanced', 'graduated', 'terminated', 'withdrawn', 'launched', 'cycleCompleted', 'stageChanged', 'retired', 'open'],
      },
      { name: 'onSchedule', label: 'On schedule', ...YES_NO, help: 'Open periods match neither' },
    ]),
    charts: ['phase-timeline'],
  },
  {
    group: 'COEs',
    name: 'assessments',
    path: '/reports/assessments',
    title: 'Assessments',
    summary: 'Every assessment with its five criterion scores and recommendation, in the order recorded.',
    filters: filters('/reports/assessments', [
      coeId,
      { name: 'kind', label: 'Kind', kind: 'select', options: ['period', 'status'] },
      {
        name: 'period',
        label: 'Period assessed',
        kind: 'select',
        options: ['designation', 'delivery.year1', 'delivery.year2', 'delivery.year3', 'replication', 'network'],
      },
      {
        name: 'recommendation',
        label: 'Recommendation',
        kind: 'select',
        options: ['advance', 'extend', 'terminate', 'continuedSupport', 'networkMember', 'retired'],
      },
    ]),
    charts: ['assessment-scores'],
  },
  {
    group: 'COEs',
    name: 'activity-counts',
    path: '/reports/activity-counts',
    title: 'Activities and publications',
    summary: 'Activities and publications counted by COE, year and kind.',
    filters: filters('/reports/activity-counts', [
      coeId,
      year,
      { name: 'category', label: 'Category', kind: 'select', options: ['activity', 'publication'] },
      {
        name: 'kind',
        label: 'Kind',
        kind: 'select',
        options: [
          'research',
          'training',
          'mentoring',
          'workshop',
          'benchmarking',
          'pilotProject',
          'studyMission',
          'forum',
          'trainingKit',
          'manual',
          'caseStudy',
        ],
      },
    ]),
    charts: ['activities-per-year'],
  },
  {
    group: 'COEs',
    name: 'activity-participants',
    path: '/reports/activity-participants',
    title: 'Activity participants',
    summary: 'Participants of COE activities by COE, year and member economy.',
    filters: filters('/reports/activity-participants', [coeId, year, { name: 'economy', label: 'Participants’ economy', kind: 'select', options: ECONOMIES }]),
    charts: ['participants-per-year'],
  },
  {
    group: 'COEs',
    name: 'replications',
    path: '/reports/replications',
    title: 'Replications',
    summary: 'Replication records in the order recorded, with the economy and BCN exchange.',
    filters: filters('/reports/replications', [
      coeId,
      { name: 'targetEconomy', label: 'Target economy', kind: 'select', options: ECONOMIES },
      { name: 'bcnExchangeId', label: 'BCN exchange id', kind: 'text' },
    ]),
    charts: [],
  },
  {
    group: 'BCN exchanges',
    name: 'bcn-exchanges',
    path: '/reports/bcn-exchanges',
    title: 'BCN exchanges',
    summary: 'One row per BCN exchange: state, window, modality, sending and hosting economy, dates and participants.',
    filters: filters('/reports/bcn-exchanges', [
      ...bcnEconomies,
      {
        name: 'state',
        label: 'State',
        kind: 'select',
        options: ['draft', 'submitted', 'proposed', 'approved', 'rejected', 'scheduled', 'implemented', 'reported', 'followUp', 'closed', 'withdrawn'],
      },
      { name: 'programmeYear', label: 'Programme year', kind: 'number' },
      { name: 'window', label: 'Window', kind: 'number', help: '1: first closing date, 2: second' },
      { name: 'origin', label: 'Origin', kind: 'select', options: ['application', 'secretariat'] },
      { name: 'modality', label: 'Modality', kind: 'select', options: ['virtual', 'faceToFace'] },
    ]),
    charts: [],
  },
  {
    group: 'BCN exchanges',
    name: 'bcn-windows',
    path: '/reports/bcn-windows',
    title: 'BCN windows',
    summary: 'Applications per programme year and window (and Secretariat proposals) by state and modality.',
    filters: filters('/reports/bcn-windows', [
      { name: 'programmeYear', label: 'Programme year', kind: 'number' },
      { name: 'origin', label: 'Origin', kind: 'select', options: ['application', 'secretariat'] },
    ]),
    charts: ['bcn-windows'],
  },
  {
    group: 'BCN exchanges',
    name: 'bcn-follow-ups',
    path: '/reports/bcn-follow-ups',
    title: 'BCN follow-ups',
    summary: 'Follow-up activities of BCN exchanges counted by year, kind, sending and hosting economy.',
    filters: filters('/reports/bcn-follow-ups', [
      ...bcnEconomies,
      { name: 'exchangeId', label: 'Exchange id', kind: 'text' },
      year,
      { name: 'kind', label: 'Kind', kind: 'select', options: ['jointProject', 'expertExchange', 'training', 'research', 'agreement', 'other'] },
    ]),
    charts: [],
  },
  {
    group: 'Deadlines',
    name: 'deadlines',
    path: '/deadlines',
    title: 'Deadlines',
    summary: 'Open deadlines of every programme, by due date: what is due soon and what is overdue.',
    filters: filters('/deadlines', [
      { name: 'withinDays', label: 'Due within (days)', kind: 'number', help: 'Overdue ones included' },
      { name: 'overdue', label: 'Overdue', ...YES_NO },
      { name: 'programme', label: 'Programme', kind: 'select', options: ['coe', 'bcn'] },
    ]),
    charts: [],
  },
];

export const reportNamed = (name: string | undefined): ReportSpec | undefined => REPORTS.find((report) => report.name === name);
