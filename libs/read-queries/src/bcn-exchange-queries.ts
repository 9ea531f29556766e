import type { ReadStore, BcnExchangesTable } from '@apo/read-store';
import { toReplicationItem, type ReplicationItem } from './coe-record-queries';
import { contains, orderTerms, parseSort, type SortColumn } from './list-order';
import { checkPage, readPage, toNumber, toPositionString, type Page, type PageOptions } from './page';

export const BCN_STATES = [
  'draft',
  'submitted',
  'proposed',
  'approved',
  'rejected',
  'scheduled',
  'implemented',
  'reported',
  'followUp',
  'closed',
  'withdrawn',
] as const;

/** What GET /bcn-exchanges sorts by (`sort=title`, `sort=-startDate`...). */
export const BCN_SORT_COLUMNS = {
  title: { column: 'title', text: true },
  state: { column: 'state', text: true },
  programmeYear: { column: 'programme_year', text: false },
  sendingEconomy: { column: 'sending_economy', text: true },
  hostingEconomy: { column: 'hosting_economy', text: true },
  startDate: { column: 'start_date', text: false },
  closingDate: { column: 'closing_date', text: false },
} as const satisfies Record<string, SortColumn>;
export type BcnSortKey = keyof typeof BCN_SORT_COLUMNS;
export const BCN_SORT_KEYS = Object.keys(BCN_SORT_COLUMNS) as BcnSortKey[];

export interface BcnExchangeFilter extends PageOptions {
  readonly state?: string;
  readonly programmeYear?: number;
  /** Application window (1, 2, ...); Secretariat proposals have none. */
  readonly window?: number;
  /** `application` or `secretariat`. */
  readonly origin?: string;
  readonly modality?: string;
  readonly sendingEconomy?: string;
  readonly hostingEconomy?: string;
  /** Titles containing this text (ASCII letters compared case-insensitively). */
  readonly q?: string;
  /** `key` or `-key` of BCN_SORT_COLUMNS; id order when absent (and always with `sincePosition`). */
  readonly sort?: string;
}

/** An exchange as listed: flat, camelCase, always these keys in this order (CSV-ready). */
export interface BcnExchangeItem {
  id: string;
  title: string | null;
  topic: string | null;
  programmeYear: number | null;
  origin: string | null;
  window: number | null;
  closingDate: string | null;
  sendingEconomy: string | null;
  sendingNpo: string | null;
  hostingEconomy: string | null;
  hostingNpo: string | null;
  state: string;
  draftedOn: string | null;
  appliedOn: string | null;
  decidedOn: string | null;
  modality: string | null;
  startDate: string | null;
  endDate: string | null;
  participants: number;
  reschedules: number;
  implementedOn: string | null;
  reportedOn: string | null;
  followUps: number;
  lastFollowUpOn: string | null;
  closedOn: string | null;
  withdrawnOn: string | null;
  revision: number;
  updatedAt: string;
  position: string;
}

const nullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : toNumber(value));

export const toExchangeItem = (r: BcnExchangesTable): BcnExchangeItem => ({
  id: r.id,
  title: r.title,
  topic: r.topic,
  programmeYear: nullableNumber(r.programme_year),
  origin: r.origin,
  window: nullableNumber(r.application_window),
  closingDate: r.closing_date,
  sendingEconomy: r.sending_economy,
  sendingNpo: r.sending_npo,
  hostingEconomy: r.hosting_economy,
  hostingNpo: r.hosting_npo,
  state: r.state,
  draftedOn: r.drafted_on,
  appliedOn: r.applied_on,
  decidedOn: r.decided_on,
  modality: r.modality,
  startDate: r.start_date,
  endDate: r.end_date,
  participants: toNumber(r.participants),
  reschedules: toNumber(r.reschedules),
  implementedOn: r.implemented_on,
  reportedOn: r.reported_on,
  followUps: toNumber(r.follow_ups),
  lastFollowUpOn: r.last_follow_up_on,
  closedOn: r.closed_on,
  withdrawnOn: r.withdrawn_on,
  revision: toNumber(r.revision),
  updatedAt: r.updated_at,
  position: toPositionString(r.position),
});

/** Exchanges by state, programme year, window, origin, modality, sending or hosting economy; by id, or by position with `sincePosition`. */
export async function listBcnExchanges(readStore: ReadStore, filter: BcnExchangeFilter = {}): Promise<Page<BcnExchangeItem>> {
  const { limit, offset, since } = checkPage(filter);
  const order = parseSort(filter.sort, BCN_SORT_KEYS);
  return readPage(readStore, ['bcn-exchanges'], async (trx) => {
    let q = trx.selectFrom('bcn_exchanges');
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    if (filter.programmeYear !== undefined) q = q.where('programme_year', '=', filter.programmeYear);
    if (filter.window !== undefined) q = q.where('application_window', '=', filter.window);
    if (filter.origin !== undefined) q = q.where('origin', '=', filter.origin);
    if (filter.modality !== undefined) q = q.where('modality', '=', filter.modality);
    if (filter.sendingEconomy !== undefined) q = q.where('sending_economy', '=', filter.sendingEconomy);
    if (filter.hostingEconomy !== undefined) q = q.where('hosting_economy', '=', filter.hostingEconomy);
    if (filter.q !== undefined && filter.q !== '') q = q.where(contains(readStore.dialect, 'title', filter.q));
    if (since !== undefined) q = q.where('position', '>', since);
    const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    let rows = q.selectAll();
    if (since !== undefined) rows = rows.orderBy('position');
    else if (order === undefined) rows = rows.orderBy('id');
    else for (const term of orderTerms(readStore.dialect, BCN_SORT_COLUMNS[order.key], order.descending)) rows = rows.orderBy(term);
    const page = await rows.limit(limit).offset(offset).execute();
    return { items: page.map(toExchangeItem), total: toNumber(count.n) };
  });
}

/** One exchange from the read model with the COE replications that cite it (the link seen from BCN). */
export interface BcnExchangeLinks {
  readonly exchange: BcnExchangeItem | null;
  /** As /reports/replications lists them, in recorded order. */
  readonly coeReplications: ReplicationItem[];
  /** Lowest checkpoint of the two read models behind the answer. */
  readonly position: string;
}

export async function bcnExchangeLinks(readStore: ReadStore, id: string): Promise<BcnExchangeLinks> {
  const page = await readPage(readStore, ['bcn-exchanges', 'coe-replications'], async (trx) => {
    const row = await trx.selectFrom('bcn_exchanges').selectAll().where('id', '=', id).executeTakeFirst();
    const cited = await trx.selectFrom('coe_replications').selectAll().where('bcn_exchange_id', '=', id).orderBy('position').execute();
    const coeReplications = cited.map(toReplicationItem);
    return { items: [{ exchange: row ? toExchangeItem(row) : null, coeReplications }], total: 1 };
  });
  return { ...page.items[0], position: page.position };
}
