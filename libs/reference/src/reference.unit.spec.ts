import { isMemberEconomy, MEMBER_ECONOMIES, memberEconomy } from './member-economies';
import { NPOS, npoOf } from './npos';

describe('reference data', () => {
  it('lists the 21 APO member economies with unique ISO codes', () => {
    expect(MEMBER_ECONOMIES).toHaveLength(21);
    expect(new Set(MEMBER_ECONOMIES.map((m) => m.iso2)).size).toBe(21);
    expect(memberEconomy('TR')).toMatchObject({ name: 'Türkiye', iso3: 'TUR' });
    expect([isMemberEconomy('MY'), isMemberEconomy('US'), isMemberEconomy('my'), isMemberEconomy(7)]).toEqual([true, false, false, false]);
  });

  it('names exactly one NPO per member economy, keyed by its ISO code', () => {
    expect(NPOS.map((n) => n.economy).sort()).toEqual(MEMBER_ECONOMIES.map((m) => m.iso2).sort());
    expect(npoOf('MY')).toEqual({ economy: 'MY', name: 'Malaysia Productivity Corporation', acronym: 'MPC' });
    expect([npoOf('US'), npoOf('th'), npoOf(undefined)]).toEqual([undefined, undefined, undefined]);
  });
});
