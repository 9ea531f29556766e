import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateNoteKeys, openCheckpoint, signNote, formatCheckpoint } from '@apo/transparency-log';
import { ConfigError } from './store-environment';
import { loadTransparencySigning, transparencyKeyProblems, type TransparencyEnvironment } from './transparency-signing';

describe('loadTransparencySigning', () => {
  let dir: string;
  const env = (vars: Partial<TransparencyEnvironment> = {}): TransparencyEnvironment => ({
    DATA_DIR: dir,
    CHECKPOINT_EVERY_EVENTS: 1000,
    CHECKPOINT_EVERY_SECONDS: 60,
    ...vars,
  });
  const keyFile = (text: string, mode = 0o600) => {
    const file = join(dir, 'given.key');
    writeFileSync(file, text, { mode });
    chmodSync(file, mode);
    return file;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'transparency-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates <DATA_DIR>/transparency.key (mode 0600) on first start, logs its verifier key, and loads the same key after', () => {
    const logged: string[] = [];
    const first = loadTransparencySigning(env(), (line) => logged.push(line));
    const file = join(dir, 'transparency.key');
    expect(first).toMatchObject({ created: true, keyFile: file, origin: 'apo.transparency-log', everyEvents: 1000, everySeconds: 60 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${first.signerKey}\n`);
    expect(logged).toEqual([expect.stringContaining(`its verifier key is ${first.verifierKey}`)]);
    const again = loadTransparencySigning(env(), (line) => logged.push(line));
    expect(again).toMatchObject({ created: false, verifierKey: first.verifierKey, signerKey: first.signerKey });
    expect(logged).toHaveLength(1);
    // What it signs opens with the verifier key it reports.
    const note = signNote(formatCheckpoint({ origin: again.origin, size: 1, rootHash: new Uint8Array(32) }), [again.signer]);
    expect(openCheckpoint(note, [again.verifierKey], again.origin).checkpoint.size).toBe(1);
  });

  it('names a created key after TRANSPARENCY_ORIGIN', () => {
    const signing = loadTransparencySigning(env({ TRANSPARENCY_ORIGIN: 'audit.example.org/apo' }));
    expect(signing.origin).toBe('audit.example.org/apo');
    expect(signing.verifierKey).toMatch(/^audit\.example\.org\/apo\+[0-9a-f]{8}\+/);
  });

  it('loads a configured key file, its origin the key name unless given', () => {
    const { signerKey, verifierKey } = generateNoteKeys('log.example');
    const file = keyFile(`${signerKey}\n`);
    expect(loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file }))).toMatchObject({ origin: 'log.example', verifierKey, created: false, keyFile: file });
    expect(loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file, TRANSPARENCY_ORIGIN: 'log.example' })).origin).toBe('log.example');
  });

  it('refuses a key file group or others may read, naming the file and its mode', () => {
    const file = keyFile(`${generateNoteKeys('log.example').signerKey}\n`, 0o644);
    expect(() => loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file }))).toThrow(
      new ConfigError(`TRANSPARENCY_KEY_FILE ${file}: group or others may access it (mode 0644); a signer key must be readable by its owner only (chmod 600)`),
    );
  });

  it('refuses a key named after another origin', () => {
    const file = keyFile(generateNoteKeys('log.example').signerKey);
    expect(() => loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file, TRANSPARENCY_ORIGIN: 'other.example' }))).toThrow(
      /its key is named "log.example", but TRANSPARENCY_ORIGIN is "other.example"/,
    );
  });

  it('refuses a configured file that does not exist, instead of making a new key', () => {
    const file = join(dir, 'missing.key');
    expect(() => loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file }))).toThrow(
      new ConfigError(`TRANSPARENCY_KEY_FILE ${file}: cannot read it (ENOENT)`),
    );
  });

  it('refuses a verifier key, or anything else that is not a signer key, with a ConfigError (never another error)', () => {
    const verifier = keyFile(generateNoteKeys('log.example').verifierKey);
    expect(() => loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: verifier }))).toThrow(/does not hold a C2SP signer key PRIVATE\+KEY\+name\+hash\+base64/);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `PRIVATE+KEY+${s}`),
        ),
        (text) => {
          const file = keyFile(text);
          try {
            loadTransparencySigning(env({ TRANSPARENCY_KEY_FILE: file }));
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
          }
        },
      ),
    );
  });

  it('refuses an origin no key can be named after', () => {
    expect(() => loadTransparencySigning(env({ TRANSPARENCY_ORIGIN: 'has space' }))).toThrow(/TRANSPARENCY_ORIGIN "has space" cannot name a key/);
  });
});

describe('transparencyKeyProblems (listed among the other configuration problems)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'transparency-key-problems-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const key = (mode: number) => {
    const file = join(dir, 'signer.key');
    writeFileSync(file, `${generateNoteKeys('apo.test').signerKey}\n`, { mode });
    chmodSync(file, mode);
    return file;
  };

  it('none for an owner-only key file, nor for a default file not created yet', () => {
    expect(transparencyKeyProblems({ DATA_DIR: dir, TRANSPARENCY_KEY_FILE: key(0o600) })).toEqual([]);
    expect(transparencyKeyProblems({ DATA_DIR: join(dir, 'fresh') })).toEqual([]);
  });

  it('names a configured file that is missing, and one group or others may access', () => {
    expect(transparencyKeyProblems({ DATA_DIR: dir, TRANSPARENCY_KEY_FILE: join(dir, 'absent.key') })).toEqual([
      `TRANSPARENCY_KEY_FILE ${join(dir, 'absent.key')}: cannot read it (ENOENT)`,
    ]);
    const file = key(0o604);
    expect(transparencyKeyProblems({ DATA_DIR: dir, TRANSPARENCY_KEY_FILE: file })).toEqual([
      `TRANSPARENCY_KEY_FILE ${file}: group or others may access it (mode 0604); a signer key must be readable by its owner only (chmod 600)`,
    ]);
  });
});
