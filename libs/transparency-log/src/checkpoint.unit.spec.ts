import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  ForgedNoteError,
  formatCheckpoint,
  generateNoteKeys,
  MalformedNoteError,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  signNote,
  UnverifiedNoteError,
} from './index';

/** Drops ASCII control characters (below U+0020), which notes forbid except as line ends. */
const withoutControls = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 0x20).join('');

// golang/mod, sumdb/tlog/note_test.go (TestFormatTree, TestParseTree): a tree of 123456789012
// leaves whose hash is RecordHash("hello world") = SHA-256(0x00 || "hello world").
const GO_TREE = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
const helloWorldLeaf = createHash('sha256')
  .update(Buffer.from([0]))
  .update('hello world')
  .digest();

// C2SP/C2SP, tlog-checkpoint.md: the example checkpoint (its key is not published, so only the body is checked).
const SPEC_CHECKPOINT =
  'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
  '\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';

// transparency-dev/formats, log/note_test.go (TestSumDBNoteParsing, BenchmarkParse): a real
// sum.golang.org checkpoint with the real log key, and three witness cosignatures with their keys.
const SUMDB_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const SUMDB_NOTE =
  'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n' +
  '\u2014 sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n';
const WITNESS_KEYS = [
  'monkeys+db4d9f7e+AULaJMvTtDLHPUcUrjdDad9vDlh/PTfC2VV60JUtCfWT',
  'bananas+cf639f13+AaPjhFnPCQnid/Ql32KWhmh+uk72FVRfK+2DLmO3BI3M',
  'witness+f13a86db+AdYV1Ztajd9BvyjP2HgpwrqYL6TjOwIjGMOq8Bu42xbN',
];
const WITNESS_SIGS =
  '\u2014 monkeys 202ffh9ve46Mqbhuyb4wnC2Pwdan5EsXQym/tF1ggXJqhjGosU4T5intH4iKMRgDLxrnXuIjRaU2NbvAnaepM6Y+8ww=\n' +
  '\u2014 bananas z2OfE+2bbsBZ7NLgfuslc0v7NFW2QyexJ7fhePpoL2N/P7N/COd5S+JNHbQEAlYzz2C5sg0E+x/MggS1mDR6t3/9rQw=\n' +
  '\u2014 witness 8TqG25yWGFLdT7WPf/WoyeG3LwqtkXP+8S3yykOVm6EMh4hPgCke6eSVPU4BdtXNMPJBXKF+UpDbGgCdcpR8SVSoqAU=\n' +
  '\u2014 random1 8TqG25yWGFLdT7WPf/WoyeG3LwqtkXP+8S3yykOVm6EMh4hPgCke6eSVPU4BdtXNMPJBXKF+UpDbGgCdcpR8SVSoqAU=\n';

describe('tlog checkpoint: known answers', () => {
  it('opens the real sum.golang.org checkpoint with its published key, and its witness cosignatures', () => {
    const { checkpoint, note } = openCheckpoint(SUMDB_NOTE, [SUMDB_KEY], 'go.sum database tree');
    expect(checkpoint.size).toBe(6476701);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe('mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=');
    expect(note.verified.map((s) => s.name)).toEqual(['sum.golang.org']);
    const cosigned = openNote(SUMDB_NOTE + WITNESS_SIGS, [SUMDB_KEY, ...WITNESS_KEYS]);
    expect(cosigned.verified.map((s) => s.name)).toEqual(['sum.golang.org', 'monkeys', 'bananas', 'witness']);
    expect(cosigned.unverified.map((s) => s.name)).toEqual(['random1']);
    expect(() => openCheckpoint(SUMDB_NOTE, [SUMDB_KEY], 'Go rocks but I might have the wrong ID')).toThrow(/origin/);
    expect(() => openNote(SUMDB_NOTE.replace('6476701', '6476702'), [SUMDB_KEY])).toThrow(ForgedNoteError);
  });

  it('formats and parses the golang/mod tree note', () => {
    expect(formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, rootHash: helloWorldLeaf })).toBe(GO_TREE);
    expect(parseCheckpoint(GO_TREE)).toEqual({ origin: 'go.sum database tree', size: 123456789012, rootHash: Uint8Array.from(helloWorldLeaf) });
  });

  it('refuses the golang/mod bad trees', () => {
    for (const bad of [
      'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
    ])
      expect(() => parseCheckpoint(bad)).toThrow(MalformedNoteError);
    expect(() => parseCheckpoint(`not-${GO_TREE}`, 'go.sum database tree')).toThrow(/origin/);
  });

  it('parses the C2SP tlog-checkpoint.md example', () => {
    const { text, signatures } = parseNote(SPEC_CHECKPOINT);
    expect(signatures).toEqual([expect.objectContaining({ name: 'example.com/behind-the-sofa' })]);
    const checkpoint = parseCheckpoint(text, 'example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
  });

  it('is strict: leading zeros, signs, wrong hash length, empty or missing lines, huge sizes', () => {
    const root = Buffer.alloc(32, 7).toString('base64');
    for (const bad of [
      `o\n01\n${root}\n`,
      `o\n+1\n${root}\n`,
      `o\n-1\n${root}\n`,
      `o\n1 \n${root}\n`,
      `o\n\n${root}\n`,
      `\n1\n${root}\n`,
      `o\n1\n${Buffer.alloc(31).toString('base64')}\n`,
      `o\n1\n${root.slice(0, -1)}\n`,
      `o\n1\n${root}`,
      `o\n1\n`,
      `o\n1\n${root}\n\n`,
      `o\n1\n${root}\next\n\n`,
      `o\n9007199254740992\n${root}\n`,
      `o\u0001\n1\n${root}\n`,
    ])
      expect(() => parseCheckpoint(bad)).toThrow(MalformedNoteError);
    expect(parseCheckpoint(`o\n0\n${root}\next one\n`)).toMatchObject({ origin: 'o', size: 0, extensions: ['ext one'] });
    expect(() => formatCheckpoint({ origin: '', size: 1, rootHash: new Uint8Array(32) })).toThrow(/origin/);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash: new Uint8Array(32) })).toThrow(/size/);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: new Uint8Array(32) })).toThrow(/size/);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(33) })).toThrow(/32/);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(32), extensions: [''] })).toThrow(/extension/);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: new Uint8Array(32) })).toThrow(/origin/);
  });
});

const line = fc
  .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
  .map(withoutControls)
  .filter((s) => s !== '');
const checkpoint = fc.record({
  origin: line,
  size: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  extensions: fc.option(fc.array(line, { minLength: 1, maxLength: 3 }), { nil: undefined }),
});
const log = generateNoteKeys('example.com/log');

describe('tlog checkpoint: properties', () => {
  it('format then parse round-trips for any valid origin, size, root and extensions', () => {
    fc.assert(
      fc.property(checkpoint, (cp) => {
        const expected = cp.extensions === undefined ? { origin: cp.origin, size: cp.size, rootHash: cp.rootHash } : cp;
        expect(parseCheckpoint(formatCheckpoint(cp), cp.origin)).toEqual(expected);
      }),
    );
  });

  it('a signed checkpoint opens with the log key, and not with another', () => {
    const other = generateNoteKeys('example.com/log');
    fc.assert(
      fc.property(checkpoint, (cp) => {
        const note = signNote(formatCheckpoint(cp), [log.signerKey]);
        expect(openCheckpoint(note, [log.verifierKey], cp.origin).checkpoint.size).toBe(cp.size);
        expect(() => openCheckpoint(note, [other.verifierKey], cp.origin)).toThrow(UnverifiedNoteError);
      }),
      { numRuns: 50 },
    );
  });
});
