import type { ExpressionBuilder } from 'kysely';
import type { ReadStore } from '../read-store/open-read-store';
import type { CoeOverviewTable, ReadDatabase } from '../read-store/tables';
import { badQuery, checkPage, readPage, toNumber, toPositionString, type Page, type PageOptions } from './page';

export const COE_PHASES = ['applied', 'underReview', 'designation', 'delivery', 'replication', 'suspended', 'graduated', 'rejected', 'terminated', 'withdrawn'] as const;
const ACTIVE_PHASES = ['designation', 'delivery', 'replication'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CoeOverviewFilter extends PageOptions {
  readonly phase?: string;
  readonly memberEconomy?: string;
  /** Case-insensitive exact match. */
  readonly focusArea?: string;
  /** Only COEs whose current period is due before this date (YYYY-MM-DD). */
  readonly dueBefore?: string;
  /** Past their due date on `today` (true) or not (false). */
  readonly overdue?: boolean;
  /** The date `overdue` is judged on (YYYY-MM-DD); the caller's clock, not the database's. */
  readonly today: string;
}

/** A COE as listed: flat, camelCase, always these keys in this order (CSV-ready). */
export interface CoeOverviewItem {
  id: string;
  name: string | null;
  memberEconomy: string | null;
  focusArea: string | null;
  appliedOn: string | null;
  launchDate: string | null;
  state: string;
  phase: string;
  deliveryYear: number | null;
  period: string | null;
  phaseStart: string | null;
  dueDate: string | null;
  overdue: boolean;
  suspended: boolean;
  lastAssessmentId: string | null;
  lastAssessmentDate: string | null;
  lastAssessmentRecommendation: string | null;
  lastAssessmentOverall: number | null;
  activities: number;
  publications: number;
  replications: number;
  revision: number;
  updatedAt: string;
  position: string;
}

/** Overdue as the engine judges it: in an active phase (not suspended) and past the due date. */
const isOverdue = (row: { phase: string; due_date: string | null }, today: string) => ACTIVE_PHASES.includes(row.phase) && row.due_date !== null && today > row.due_date;

const toItem = (r: CoeOverviewTable, today: string): CoeOverviewItem => ({
  id: r.id,
  name: r.name,
  memberEconomy: r.member_economy,
  focusArea: r.focus_area,
  appliedOn: r.applied_on,
  launchDate: r.launch_date,
  state: r.state,
  phase: r.phase,
  deliveryYear: r.delivery_year === null ? null : toNumber(r.delivery_year),
  period: r.period,
  phaseStart: r.phase_start,
  dueDate: r.due_date,
  overdue: isOverdue(r, today),
  suspended: toNumber(r.suspended) === 1,
  lastAssessmentId: r.last_assessment_id,
  lastAssessmentDate: r.last_assessment_date,
  lastAssessmentRecommendation: r.last_assessment_recommendation,
  lastAssessmentOverall: r.last_assessment_overall === null ? null : toNumber(r.last_assessment_overall),
  activities: toNumber(r.activities),
  publications: toNumber(r.publications),
  replications: toNumber(r.replications),
  revision: toNumber(r.revision),
  updatedAt: r.updated_at,
  position: toPositionString(r.position),
});

/** COEs by phase, economy, focus area, due date or overdue; by id, or by position with `sincePosition`. */
export async function listCoeOverview(readStore: ReadStore, filter: CoeOverviewFilter): Promise<Page<CoeOverviewItem>> {
  const { limit, offset, since } = checkPage(filter);
  if (typeof filter.today !== 'string' || !ISO_DATE.test(filter.today)) throw badQuery('today must be a date (YYYY-MM-DD)', { today: filter.today });
  if (filter.dueBefore !== undefined && !ISO_DATE.test(filter.dueBefore)) throw badQuery('dueBefore must be a date (YYYY-MM-DD)', { dueBefore: filter.dueBefore });
  return readPage(readStore, ['coe-overview'], async (trx) => {
    let q = trx.selectFrom('coe_overview');
    if (filter.phase !== undefined) q = q.where('phase', '=', filter.phase);
    if (filter.memberEconomy !== undefined) q = q.where('member_economy', '=', filter.memberEconomy);
    if (filter.focusArea !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['focus_area']), '=', filter.focusArea?.toLowerCase() ?? ''));
    if (filter.dueBefore !== undefined) q = q.where('due_date', '<', filter.dueBefore);
    if (filter.overdue !== undefined) {
      const overdue = (eb: ExpressionBuilder<ReadDatabase, 'coe_overview'>) => eb.and([eb('phase', 'in', ACTIVE_PHASES), eb('due_date', '<', filter.today)]);
      q = filter.overdue ? q.where(overdue) : q.where((eb) => eb.not(overdue(eb)));
    }
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy(since === undefined ? 'id' : 'position')
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map((r) => toItem(r, filter.today)), total: toNumber(count.n) };
  });
}

export interface PortfolioFilter {
  readonly memberEconomy?: string;
  readonly focusArea?: string;
}

/** COEs by member economy and focus area, counted by phase; always these keys in this order. */
export type PortfolioRow = { memberEconomy: string | null; focusArea: string | null; total: number } & Record<(typeof COE_PHASES)[number], number>;

/**
 * A query over `coe_overview`, not a table of its own: it can never disagree with the overview,
 * and a rebuild of the overview is a rebuild of the summary.
 */
export async function portfolioSummary(readStore: ReadStore, filter: PortfolioFilter = {}): Promise<Page<PortfolioRow>> {
  return readPage(readStore, ['coe-overview'], async (trx) => {
    let q = trx.selectFrom('coe_overview');
    if (filter.memberEconomy !== undefined) q = q.where('member_economy', '=', filter.memberEconomy);
    if (filter.focusArea !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['focus_area']), '=', filter.focusArea?.toLowerCase() ?? ''));
    const groups = await q
      .select((eb) => ['member_economy', 'focus_area', 'phase', eb.fn.countAll().as('n')])
      .groupBy(['member_economy', 'focus_area', 'phase'])
      .orderBy('member_economy')
      .orderBy('focus_area')
      .execute();
    const rows = new Map<string, PortfolioRow>();
    for (const g of groups) {
      const key = `${g.member_economy}\u0000${g.focus_area}`;
      let row = rows.get(key);
      if (!row) {
        row = { memberEconomy: g.member_economy, focusArea: g.focus_area, total: 0, ...(Object.fromEntries(COE_PHASES.map((p) => [p, 0])) as Record<(typeof COE_PHASES)[number], number>) };
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
