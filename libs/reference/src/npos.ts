import reference from './apo-npos.json';
import { isMemberEconomy } from './member-economies';

/** The National Productivity Organization of one APO member economy (apo-npos.json). */
export interface Npo {
  /** ISO 3166-1 alpha-2 code of the member economy: one NPO per member, so also the NPO's id. */
  readonly economy: string;
  readonly name: string;
  readonly acronym: string;
}

export const NPOS: readonly Npo[] = Object.freeze((reference.npos as Npo[]).map((n) => Object.freeze({ ...n })));

const byEconomy = new Map(NPOS.map((n) => [n.economy, n]));

/** The NPO of an APO member economy, or undefined for a code that names no member. */
export const npoOf = (economy: unknown): Npo | undefined => (typeof economy === 'string' && isMemberEconomy(economy) ? byEconomy.get(economy) : undefined);
