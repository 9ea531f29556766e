import { pastDue } from '@apo/engine';
import { sql, type ExpressionBuilder } from 'kysely';
import type { ReadStore, CoeOverviewTable, ReadDatabase } from '@apo/read-store';
import { asciiLower, containing, contains, orderTerms, parseSort, type SortColumn } from './list-order';
import { badQuery, checkPage, readPage, toNumber, toPositionString, type Page, type PageOptions } from './page';

/** Phases of both definition versions: version 1's, and version 2's designated, network and retired. */
export const COE_PHASES = [
  'applied',
  'underReview',
  'designated',
  'designation',
  'delivery',
  'replication',
  'network',
  'suspended',
  'graduated',
  'retired',
  'rejected',
  'terminated',
  'withdrawn',
] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What GET /coes sorts by (`sort=name`, `sort=-dueDate`...): the columns of the portfolio. */
export const COE_SORT_COLUMNS = {
  name: { column: 'name', text: true },
  economy: { column: 'member_economy', text: true },
  phase: { column: 'phase', text: true },
  /** The earliest open deadline (`nextDueDate`), the one overdue is judged on. */
  dueDate: { column: 'next_due_date', text: false },
  appliedOn: { column: 'applied_on', text: false },
  host: { column: 'host_institution', text: true },
} as const satisfies Record<string, SortColumn>;
export type CoeSortKey = keyof typeof COE_SORT_COLUMNS;
export const COE_SORT_KEYS = Object.keys(COE_SORT_COLUMNS) as CoeSortKey[];

/** What the overview and the portfolio filter on the host. */
export interface CoeHostFilter {
  /** Host institution's name containing this text, ASCII letters compared case-insensitively. */
  readonly host?: string;
  /** `npo` or `other`. */
  readonly hostType?: string;
  /** The nominating NPO's name, case-insensitive exact match. */
  readonly nominatingNpo?: string;
}

export interface CoeOverviewFilter extends PageOptions, CoeHostFilter {
  /** One COE (its id, without `coe-`). */
  readonly coeId?: string;
  readonly phase?: string;
  readonly memberEconomy?: string;
  /** Case-insensitive exact match. */
  readonly focusArea?: string;
  /** Only COEs whose `dueDate` (what GET /coes/:id calls it) is before this date (YYYY-MM-DD). */
  readonly dueBefore?: string;
  /** Some deadline the COE's definition holds open is past due on `today` (true), or none is (false). */
  readonly overdue?: boolean;
  /** The date `overdue` is judged on (YYYY-MM-DD); the caller's clock, not the database's. */
  readonly today: string;
  /** Names containing this text (ASCII letters compared case-insensitively). */
  readonly q?: string;
  /** Applied in this calendar year (`appliedOn` starts with it). */
  readonly appliedYear?: number;
  /** `key` or `-key` of COE_SORT_COLUMNS; id order when absent (and always with `sincePosition`). */
  readonly sort?: string;
}

interface GoverningBodyDecision {
  decision: string;
  meeting: string;
  decisionDate: string;
}

/** A COE as listed: flat, camelCase, always these keys in this order (CSV-ready; `governingBodyDecisions` is JSON in CSV). */
export interface CoeOverviewItem {
  id: string;
  name: string | null;
  memberEconomy: string | null;
  focusArea: string | null;
  nominatingNpo: string | null;
  hostInstitution: string | null;
  hostType: string | null;
  appliedOn: string | null;
  designationMeeting: string | null;
  designationDecisionDate: string | null;
  plannedLaunchDate: string | null;
  launchDate: string | null;
  state: string;
  phase: string;
  stage: string | null;
  status: string | null;
  deliveryYear: number | null;
  period: string | null;
  phaseStart: string | null;
  periodDueDate: string | null;
  dueDate: string | null;
  nextDueDate: string | null;
  nextDueKind: string | null;
  nextDueLabel: string | null;
  openDeadlines: number;
  overdue: boolean;
  suspended: boolean;
  historical: boolean;
  lastAssessmentId: string | null;
  lastAssessmentDate: string | null;
  lastAssessmentRecommendation: string | null;
  lastAssessmentOverall: number | null;
  lastStatusAssessmentDate: string | null;
  lastStatusAssessmentStage: string | null;
  activities: number;
  publications: number;
  replications: number;
  governingBodyDecisions: GoverningBodyDecision[];
  definitionVersion: number | null;
  revision: number;
  updatedAt: string;
  position: string;
}

/**
 * The one definition of overdue (@apo/engine `pastDue`, as `isOverdueOn` asks it): the earliest
 * deadline the COE's definition holds open is past due on `today`. The deadlines read model holds
 * the same deadlines, so /coes and /deadlines always name the same COEs.
 */
export const isOverdueRow = (row: { next_due_date: string | null }, today: string): boolean => row.next_due_date !== null && pastDue(row.next_due_date, today);

const toItem = (r: CoeOverviewTable, today: string): CoeOverviewItem => ({
  id: r.id,
  name: r.name,
  memberEconomy: r.member_economy,
  focusArea: r.focus_area,
  nominatingNpo: r.nominating_npo,
  hostInstitution: r.host_institution,
  hostType: r.host_type,
  appliedOn: r.applied_on,
  designationMeeting: r.designation_meeting,
  designationDecisionDate: r.designation_decision_date,
  plannedLaunchDate: r.planned_launch_date,
  launchDate: r.launch_date,
  state: r.state,
  phase: r.phase,
  stage: r.stage,
  status: r.status,
  deliveryYear: r.delivery_year === null ? null : toNumber(r.delivery_year),
  period: r.period,
  phaseStart: r.phase_start,
  periodDueDate: r.period_due_date,
  dueDate: r.due_date,
  nextDueDate: r.next_due_date,
  nextDueKind: r.next_due_kind,
  nextDueLabel: r.next_due_label,
  openDeadlines: toNumber(r.open_deadlines ?? 0),
  overdue: isOverdueRow(r, today),
  suspended: toNumber(r.suspended) === 1,
  historical: toNumber(r.historical ?? 0) === 1,
  lastAssessmentId: r.last_assessment_id,
  lastAssessmentDate: r.last_assessment_date,
  lastAssessmentRecommendation: r.last_assessment_recommendation,
  lastAssessmentOverall: r.last_assessment_overall === null ? null : toNumber(r.last_assessment_overall),
  lastStatusAssessmentDate: r.last_status_assessment_date,
  lastStatusAssessmentStage: r.last_status_assessment_stage,
  activities: toNumber(r.activities),
  publications: toNumber(r.publications),
  replications: toNumber(r.replications),
  governingBodyDecisions: r.governing_body_decisions === null ? [] : (JSON.parse(r.governing_body_decisions) as GoverningBodyDecision[]),
  definitionVersion: r.definition_version === null ? null : toNumber(r.definition_version),
  revision: toNumber(r.revision),
  updatedAt: r.updated_at,
  position: toPositionString(r.position),
});

type OverviewWhere = ExpressionBuilder<ReadDatabase, 'coe_overview'>;

/** The host filters as one condition (true when none is given). */
function hostCondition(filter: CoeHostFilter) {
  return (eb: OverviewWhere) => {
    const all = [];
    if (filter.host !== undefined) all.push(sql<boolean>`lower(host_institution) like ${containing(filter.host)} escape '\\'`);
    if (filter.hostType !== undefined) all.push(eb('host_type', '=', filter.hostType));
    if (filter.nominatingNpo !== undefined) all.push(eb(eb.fn('lower', ['nominating_npo']), '=', asciiLower(filter.nominatingNpo)));
    return eb.and(all);
  };
}

/** COEs by phase, economy, focus area, host, due date or overdue; by id, or by position with `sincePosition`. */
export async function listCoeOverview(readStore: ReadStore, filter: CoeOverviewFilter): Promise<Page<CoeOverviewItem>> {
  const { limit, offset, since } = checkPage(filter);
  if (typeof filter.today !== 'string' || !ISO_DATE.test(filter.today)) throw badQuery('today must be a date (YYYY-MM-DD)', { today: filter.today });
  if (filter.dueBefore !== undefined && !ISO_DATE.test(filter.dueBefore))
    throw badQuery('dueBefore must be a date (YYYY-MM-DD)', { dueBefore: filter.dueBefore });
  if (filter.appliedYear !== undefined && !(Number.isInteger(filter.appliedYear) && filter.appliedYear >= 1000 && filter.appliedYear <= 9999))
    throw badQuery('appliedYear must be a four-digit year', { appliedYear: filter.appliedYear });
  const order = parseSort(filter.sort, COE_SORT_KEYS);
  return readPage(readStore, ['coe-overview'], async (trx) => {
    let q = trx.selectFrom('coe_overview').where(hostCondition(filter));
    if (filter.coeId !== undefined) q = q.where('id', '=', filter.coeId);
    if (filter.phase !== undefined) q = q.where('phase', '=', filter.phase);
    if (filter.memberEconomy !== undefined) q = q.where('member_economy', '=', filter.memberEconomy);
    if (filter.focusArea !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['focus_area']), '=', filter.focusArea?.toLowerCase() ?? ''));
    if (filter.dueBefore !== undefined) q = q.where('due_date', '<', filter.dueBefore);
    if (filter.q !== undefined && filter.q !== '') q = q.where(contains(readStore.dialect, 'name', filter.q));
    if (filter.appliedYear !== undefined) q = q.where('applied_on', 'like', `${filter.appliedYear}-%`);
    if (filter.overdue !== undefined) {
      // `isOverdueRow` in SQL: deadline due dates are whole days (a policy gives a partial date's last day).
      const overdue = (eb: OverviewWhere) => eb('next_due_date', '<', filter.today);
      q = filter.overdue ? q.where(overdue) : q.where((eb) => eb.or([eb('next_due_date', 'is', null), eb.not(overdue(eb))]));
    }
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    let rows = q.selectAll();
    if (since !== undefined) rows = rows.orderBy('position');
    else if (order === undefined) rows = rows.orderBy('id');
    else for (const term of orderTerms(readStore.dialect, COE_SORT_COLUMNS[order.key], order.descending)) rows = rows.orderBy(term);
    const page = await rows.limit(limit).offset(offset).execute();
    return { items: page.map((r) => toItem(r, filter.today)), total: toNumber(count.n) };
  });
}

export interface PortfolioFilter extends CoeHostFilter {
  readonly memberEconomy?: string;
  readonly focusArea?: string;
}

/** COEs by member economy, nominating NPO, host and focus area, counted by phase; always these keys in this order. */
export type PortfolioRow = {
  memberEconomy: string | null;
  nominatingNpo: string | null;
  hostInstitution: string | null;
  hostType: string | null;
  focusArea: string | null;
  total: number;
} & Record<(typeof COE_PHASES)[number], number>;

/**
 * A query over `coe_overview`, not a table of its own: it can never disagree with the overview,
 * and a rebuild of the overview is a rebuild of the summary.
 */
export async function portfolioSummary(readStore: ReadStore, filter: PortfolioFilter = {}): Promise<Page<PortfolioRow>> {
  return readPage(readStore, ['coe-overview'], async (trx) => {
    let q = trx.selectFrom('coe_overview').where(hostCondition(filter));
    if (filter.memberEconomy !== undefined) q = q.where('member_economy', '=', filter.memberEconomy);
    if (filter.focusArea !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['focus_area']), '=', filter.focusArea?.toLowerCase() ?? ''));
    const keys = ['member_economy', 'nominating_npo', 'host_institution', 'host_type', 'focus_area'] as const;
    const groups = await q
      .select((eb) => [...keys, 'phase', eb.fn.countAll().as('n')])
      .groupBy([...keys, 'phase'])
      .orderBy('member_economy')
      .orderBy('nominating_npo')
      .orderBy('host_institution')
      .orderBy('host_type')
      .orderBy('focus_area')
      .execute();
    const rows = new Map<string, PortfolioRow>();
    for (const g of groups) {
      const key = keys.map((k) => g[k]).join('\u0000');
      let row = rows.get(key);
      if (!row) {
        const counts = Object.fromEntries(COE_PHASES.map((p) => [p, 0])) as Record<(typeof COE_PHASES)[number], number>;
        row = {
          memberEconomy: g.member_economy,
          nominatingNpo: g.nominating_npo,
          hostInstitution: g.host_institution,
          hostType: g.host_type,
          focusArea: g.focus_area,
          total: 0,
          ...counts,
        };
        rows.set(key, row);
      }
      const n = toNumber(g.n);
      row.total += n;
      if ((COE_PHASES as readonly string[]).includes(g.phase)) row[g.phase as (typeof COE_PHASES)[number]] += n;
    }
    const items = [...rows.values()];
    return { items, total: items.length };
  });
}
