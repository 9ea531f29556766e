import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseWitnessDirectories, parseWitnessWebhooks, witnessConfigOf, witnessConfigProblems, WitnessConfigError } from './witness-config';

const SECRET = 'a-secret-of-24-characters';
const json = (value: unknown) => JSON.stringify(value);

describe('parseWitnessDirectories', () => {
  it('reads comma-separated directories, trimmed and made absolute', () => {
    expect(parseWitnessDirectories('/mnt/auditor-a, /mnt/auditor-b ,witnesses/local')).toEqual([
      '/mnt/auditor-a',
      '/mnt/auditor-b',
      resolve('witnesses/local'),
    ]);
  });

  it.each([
    ['an empty entry', '/mnt/a,,/mnt/b', /WITNESS_DIRS: entry 2 is empty/],
    ['a trailing comma', '/mnt/a,', /WITNESS_DIRS: entry 2 is empty/],
    ['only spaces', '  ', /WITNESS_DIRS: entry 1 is empty/],
    ['a duplicate', '/mnt/a,/mnt/b/../a', /WITNESS_DIRS: \/mnt\/a is listed twice/],
    ['a NUL', '/mnt/a\0b', /WITNESS_DIRS: entry 1 holds a NUL character/],
  ])('refuses %s, naming the variable and the entry', (_case, text, message) => {
    expect(() => parseWitnessDirectories(text)).toThrow(WitnessConfigError);
    expect(() => parseWitnessDirectories(text)).toThrow(message);
  });
});

describe('parseWitnessWebhooks', () => {
  it('reads webhook witnesses', () => {
    expect(
      parseWitnessWebhooks(
        json([
          { name: 'auditor-a', url: 'https://witness.auditor-a.example/apo', secret: SECRET },
          { name: 'court.registry', url: 'http://10.0.0.7:8080/checkpoints', secret: SECRET },
        ]),
      ),
    ).toEqual([
      { name: 'auditor-a', url: 'https://witness.auditor-a.example/apo', secret: SECRET },
      { name: 'court.registry', url: 'http://10.0.0.7:8080/checkpoints', secret: SECRET },
    ]);
    expect(parseWitnessWebhooks('[]')).toEqual([]);
  });

  it.each([
    ['not JSON', '[{', /WITNESS_WEBHOOKS: not valid JSON/],
    ['not an array', json({ name: 'a' }), /WITNESS_WEBHOOKS: must be a JSON array/],
    ['an entry that is no object', json(['https://x.org']), /witnesses\[0\] must be an object/],
    ['a missing name', json([{ url: 'https://x.org', secret: SECRET }]), /witnesses\[0\]: name must be 1-64/],
    ['a bad name', json([{ name: 'a b', url: 'https://x.org', secret: SECRET }]), /witnesses\[0\]: name must be/],
    [
      'a duplicate name',
      json([
        { name: 'a', url: 'https://x.org', secret: SECRET },
        { name: 'a', url: 'https://y.org', secret: SECRET },
      ]),
      /witnesses\[1\] \("a"\): name is used by an earlier witness/,
    ],
    ['a missing url', json([{ name: 'a', secret: SECRET }]), /\("a"\): url is required/],
    ['an invalid url', json([{ name: 'a', url: 'not a url', secret: SECRET }]), /\("a"\): url is not a valid URL/],
    ['a non-http url', json([{ name: 'a', url: 'file:///etc/passwd', secret: SECRET }]), /\("a"\): url must be an http or https URL, not file:/],
    ['credentials in the url', json([{ name: 'a', url: 'https://u:p@x.org/in', secret: SECRET }]), /url must not carry credentials/],
    ['a missing secret', json([{ name: 'a', url: 'https://x.org' }]), /\("a"\): secret is required/],
    ['a short secret', json([{ name: 'a', url: 'https://x.org', secret: 'short' }]), /\("a"\): secret must be at least 16 characters/],
    ['a numeric secret', json([{ name: 'a', url: 'https://x.org', secret: 1234567890123456 }]), /secret must be a string/],
    ['an unknown field', json([{ name: 'a', url: 'https://x.org', secret: SECRET, id: 'a' }]), /\("a"\): "id" is not a witness field/],
  ])('refuses %s, naming the entry and field', (_case, text, message) => {
    expect(() => parseWitnessWebhooks(text)).toThrow(WitnessConfigError);
    expect(() => parseWitnessWebhooks(text)).toThrow(message);
  });

  it('never echoes a secret in an error', () => {
    const secret = 'tooShortSecret';
    expect(() => parseWitnessWebhooks(json([{ name: 'a', url: 'https://x.org', secret }]))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(secret) }),
    );
  });

  it('answers any text with witnesses or a WitnessConfigError naming the variable, never another error', () => {
    const entry = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('a', 'auditor-a'), fc.anything()),
        url: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
        secret: fc.oneof(fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc.array(fc.oneof(entry, fc.anything())).map((v) => json(v)),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          const witnesses = parseWitnessWebhooks(t);
          for (const w of witnesses) expect(new URL(w.url).protocol).toMatch(/^https?:$/);
        } catch (error) {
          expect(error).toBeInstanceOf(WitnessConfigError);
          expect((error as Error).message).toMatch(/^WITNESS_WEBHOOKS: /);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers any WITNESS_DIRS text with absolute paths or a WitnessConfigError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        try {
          for (const path of parseWitnessDirectories(t)) expect(path.startsWith('/')).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(WitnessConfigError);
          expect((error as Error).message).toMatch(/^WITNESS_DIRS: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('witness configuration from the environment', () => {
  const hook = { name: 'auditor-a', url: 'https://witness.example.org/apo', secret: SECRET };

  it('reads WITNESS_DIRS and WITNESS_WEBHOOKS, or the same JSON from WITNESS_WEBHOOKS_FILE', () => {
    expect(witnessConfigOf({})).toEqual({ directories: [], webhooks: [] });
    expect(witnessConfigOf({ WITNESS_DIRS: '/mnt/a', WITNESS_WEBHOOKS: json([hook]) })).toEqual({ directories: ['/mnt/a'], webhooks: [hook] });
    const dir = mkdtempSync(join(tmpdir(), 'witnesses-'));
    try {
      writeFileSync(join(dir, 'witnesses.json'), json([hook]));
      expect(witnessConfigOf({ WITNESS_WEBHOOKS_FILE: join(dir, 'witnesses.json') })).toEqual({ directories: [], webhooks: [hook] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every bad variable, each named', () => {
    expect(witnessConfigProblems({ WITNESS_DIRS: '/a', WITNESS_WEBHOOKS: json([hook]) })).toEqual([]);
    expect(witnessConfigProblems({ WITNESS_DIRS: ',', WITNESS_WEBHOOKS: '[', WITNESS_WEBHOOKS_FILE: '/x.json' })).toEqual([
      expect.stringMatching(/^WITNESS_DIRS: entry 1 is empty/),
      'WITNESS_WEBHOOKS, WITNESS_WEBHOOKS_FILE: set one of them, not both',
    ]);
    expect(witnessConfigProblems({ WITNESS_WEBHOOKS_FILE: '/nonexistent/witnesses.json' })).toEqual([
      'WITNESS_WEBHOOKS_FILE: cannot read /nonexistent/witnesses.json (ENOENT)',
    ]);
    expect(witnessConfigProblems({ WITNESS_WEBHOOKS: '{}' })).toEqual([expect.stringMatching(/^WITNESS_WEBHOOKS: must be a JSON array/)]);
    expect(() => witnessConfigOf({ WITNESS_WEBHOOKS: json([{ ...hook, url: 'ftp://x.org' }]) })).toThrow(
      /WITNESS_WEBHOOKS: witnesses\[0\] \("auditor-a"\): url must be an http/,
    );
  });
});
