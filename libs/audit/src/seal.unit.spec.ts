import { createHash } from 'node:crypto';
import { checkSeal, describeHeadChange, parseSeal, sealDigest, sealOf, type StreamHead } from './index';

const head = (streamId: string, revision: number, hash = `${streamId}-${revision}`): StreamHead => ({ streamId, revision, hash, events: revision + 1 });

describe('seal', () => {
  const heads = [head('coe-b', 4), head('coe-a', 2), head('bcn-z', 0)];
  const seal = sealOf(heads, '2031-01-01T00:00:00.000Z');

  it('is sha256 over "<stream>\\t<revision>\\t<hash>\\n" lines sorted by stream id (what docs/audit.md documents)', () => {
    const expected = createHash('sha256').update('bcn-z\t0\tbcn-z-0\ncoe-a\t2\tcoe-a-2\ncoe-b\t4\tcoe-b-4\n').digest('hex');
    expect(seal).toMatchObject({ format: 'apo-audit-seal/1', digest: expected, streams: 3, events: 9 });
    expect(sealDigest([...heads].reverse())).toBe(expected);
  });

  it('matches the same heads, and names every change against a seal file', () => {
    expect(checkSeal(seal.digest, heads)).toEqual({ matches: true, expected: seal.digest, actual: seal.digest });
    const now = [head('coe-b', 5), head('coe-a', 2, 'rewritten'), head('coe-c', 0)];
    const check = checkSeal(seal, now);
    expect(check.matches).toBe(false);
    expect(check.changes?.map((c) => [c.streamId, c.change])).toEqual([
      ['bcn-z', 'removed'],
      ['coe-a', 'rewritten'],
      ['coe-b', 'appended'],
      ['coe-c', 'added'],
    ]);
    expect(describeHeadChange((check.changes ?? [])[2])).toBe(
      'coe-b: appended since the seal: was at revision 4 (hash coe-b-4), now at revision 5 (hash coe-b-5)',
    );
    expect(checkSeal(seal.digest.toUpperCase(), now)).toEqual({ matches: false, expected: seal.digest, actual: sealDigest(now) });
  });

  it('reads a digest or a seal file, and refuses anything else or a doctored file', () => {
    expect(parseSeal(` ${seal.digest.toUpperCase()}\n`)).toBe(seal.digest);
    expect(parseSeal(JSON.stringify(seal))).toEqual(seal);
    expect(() => parseSeal('abc')).toThrow(/64-character hex/);
    expect(() => parseSeal('{"format":"other"}')).toThrow(/not a seal file/);
    expect(() => parseSeal(JSON.stringify({ ...seal, heads: seal.heads.slice(1) }))).toThrow(/inconsistent/);
  });
});
