import reference from './apo-members.json';

/** One of the 21 APO member economies (reference/apo-members.json). */
export interface MemberEconomy {
  readonly name: string;
  readonly iso2: string;
  readonly iso3: string;
  readonly joined: number;
}

export const MEMBER_ECONOMIES: readonly MemberEconomy[] = Object.freeze((reference.members as MemberEconomy[]).map((m) => Object.freeze({ ...m })));

/** The members' ISO 3166-1 alpha-2 codes (upper case), as a command reader's reference list. */
export const MEMBER_ECONOMY_CODES: readonly string[] = Object.freeze(MEMBER_ECONOMIES.map((m) => m.iso2));

const byIso2 = new Map(MEMBER_ECONOMIES.map((m) => [m.iso2, m]));

/** True when `code` is the ISO 3166-1 alpha-2 code of an APO member (upper case). */
export const isMemberEconomy = (code: unknown): code is string => typeof code === 'string' && byIso2.has(code);

export const memberEconomy = (code: string): MemberEconomy | undefined => byIso2.get(code);
