import type { ReadStore } from '@apo/read-store';
import { readPage, toNumber, type Page } from './page';

/** The states an application or proposal can be in (drafts are not applications yet). */
export const BCN_APPLICATION_STATES = [
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
type ApplicationState = (typeof BCN_APPLICATION_STATES)[number];

export interface BcnWindowFilter {
  readonly programmeYear?: number;
  readonly origin?: string;
}

/**
 * Applications per programme year and window (Secretariat proposals: origin `secretariat`, no
 * window), counted by current state, by modality, with the participants on their rosters.
 */
export type BcnWindowRow = {
  programmeYear: number | null;
  origin: string;
  window: number | null;
  closingDate: string | null;
  exchanges: number;
} & Record<ApplicationState, number> & { virtual: number; faceToFace: number; participants: number };

/**
 * A query over `bcn_exchanges`, not a table of its own (like the COE portfolio summary): it can
 * never disagree with the exchanges, and rebuilding them rebuilds it.
 */
export async function bcnWindowStatistics(readStore: ReadStore, filter: BcnWindowFilter = {}): Promise<Page<BcnWindowRow>> {
  return readPage(readStore, ['bcn-exchanges'], async (trx) => {
    let q = trx.selectFrom('bcn_exchanges').where('origin', 'is not', null);
    if (filter.programmeYear !== undefined) q = q.where('programme_year', '=', filter.programmeYear);
    if (filter.origin !== undefined) q = q.where('origin', '=', filter.origin);
    const groups = await q
      .select((eb) => [
        'programme_year',
        'origin',
        'application_window',
        'state',
        'modality',
        eb.fn.max('closing_date').as('closing_date'),
        eb.fn.countAll().as('n'),
        eb.fn.sum('participants').as('participants'),
      ])
      .groupBy(['programme_year', 'origin', 'application_window', 'state', 'modality'])
      .orderBy('programme_year')
      .orderBy('origin')
      .orderBy('application_window')
      .execute();
    const rows = new Map<string, BcnWindowRow>();
    for (const g of groups) {
      const key = `${g.programme_year}\u0000${g.origin}\u0000${g.application_window}`;
      let row = rows.get(key);
      if (!row) {
        const states = Object.fromEntries(BCN_APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>;
        row = {
          programmeYear: g.programme_year === null ? null : toNumber(g.programme_year),
          origin: String(g.origin),
          window: g.application_window === null ? null : toNumber(g.application_window),
          closingDate: null,
          exchanges: 0,
          ...states,
          virtual: 0,
          faceToFace: 0,
          participants: 0,
        };
        rows.set(key, row);
      }
      const n = toNumber(g.n);
      row.exchanges += n;
      if ((BCN_APPLICATION_STATES as readonly string[]).includes(g.state)) row[g.state as ApplicationState] += n;
      if (g.modality === 'virtual' || g.modality === 'faceToFace') row[g.modality] += n;
      row.participants += toNumber(g.participants ?? 0);
      if (g.closing_date !== null && (row.closingDate === null || String(g.closing_date) > row.closingDate)) row.closingDate = String(g.closing_date);
    }
    const items = [...rows.values()];
    return { items, total: items.length };
  });
}

export interface BcnFollowUpFilter {
  readonly exchangeId?: string;
  readonly year?: number;
  readonly kind?: string;
  readonly sendingEconomy?: string;
  readonly hostingEconomy?: string;
}

/** Follow-up activities counted by year of their date, kind and the exchange's two economies. */
export interface BcnFollowUpCountRow {
  year: number;
  kind: string;
  sendingEconomy: string | null;
  hostingEconomy: string | null;
  followUps: number;
  /** Distinct exchanges these follow-ups belong to. */
  exchanges: number;
}

export async function bcnFollowUpCounts(readStore: ReadStore, filter: BcnFollowUpFilter = {}): Promise<Page<BcnFollowUpCountRow>> {
  return readPage(readStore, ['bcn-exchanges'], async (trx) => {
    let q = trx.selectFrom('bcn_follow_ups');
    if (filter.exchangeId !== undefined) q = q.where('exchange_id', '=', filter.exchangeId);
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (filter.sendingEconomy !== undefined) q = q.where('sending_economy', '=', filter.sendingEconomy);
    if (filter.hostingEconomy !== undefined) q = q.where('hosting_economy', '=', filter.hostingEconomy);
    const groups = await q
      .select((eb) => ['year', 'kind', 'sending_economy', 'hosting_economy', eb.fn.countAll().as('n'), eb.fn.count('exchange_id').distinct().as('exchanges')])
      .groupBy(['year', 'kind', 'sending_economy', 'hosting_economy'])
      .orderBy('year')
      .orderBy('kind')
      .orderBy('sending_economy')
      .orderBy('hosting_economy')
      .execute();
    const items = groups.map((g) => ({
      year: toNumber(g.year),
      kind: g.kind,
      sendingEconomy: g.sending_economy,
      hostingEconomy: g.hosting_economy,
      followUps: toNumber(g.n),
      exchanges: toNumber(g.exchanges),
    }));
    return { items, total: items.length };
  });
}
