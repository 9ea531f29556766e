import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKeys } from '@apo/transparency-log';
import { ConfigError, loadApiEnvironment } from './api-config';

/** The start-up refusals of NODE_ENV=production, one by one and all at once (apps/api/src/config). */
describe('API configuration: what NODE_ENV=production refuses', () => {
  let dir: string;
  const keysFile = () => {
    const file = join(dir, 'api-keys.json');
    writeFileSync(file, JSON.stringify([{ principal: 'ana', role: 'admin', sha256: 'a'.repeat(64) }]), { mode: 0o600 });
    return file;
  };
  const signerKey = (mode: number) => {
    const file = join(dir, 'transparency.key');
    writeFileSync(file, `${generateNoteKeys('apo.test').signerKey}\n`, { mode });
    chmodSync(file, mode);
    return file;
  };
  const devKeys = () => writeFileSync(join(dir, 'dev-api-keys.json'), '[]');
  const production = (vars: Record<string, string> = {}) => loadApiEnvironment({ NODE_ENV: 'production', DATA_DIR: dir, ...vars });
  const problemOf = (vars: Record<string, string>) => {
    try {
      production(vars);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'api-production-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with API keys from a file, no development keys and an owner-only signing key', () => {
    const env = production({ API_KEYS_FILE: keysFile(), TRANSPARENCY_KEY_FILE: signerKey(0o600) });
    expect(env.NODE_ENV).toBe('production');
  });

  it('refuses no API keys', () => {
    expect(problemOf({})).toContain('API_KEYS or API_KEYS_FILE: required when NODE_ENV=production');
  });

  it('refuses an API_KEYS_FILE that is not there', () => {
    expect(problemOf({ API_KEYS_FILE: join(dir, 'absent.json') })).toContain(`API_KEYS_FILE: ${join(dir, 'absent.json')} does not exist`);
  });

  it('refuses the development keys file in DATA_DIR, even with real keys configured', () => {
    devKeys();
    expect(problemOf({ API_KEYS_FILE: keysFile() })).toContain(
      `${join(dir, 'dev-api-keys.json')}: development keys file present with NODE_ENV=production (its keys were printed to a log); delete it and use API_KEYS_FILE`,
    );
  });

  it('refuses a signing key group or others may read', () => {
    const file = signerKey(0o644);
    expect(problemOf({ API_KEYS_FILE: keysFile(), TRANSPARENCY_KEY_FILE: file })).toContain(
      `TRANSPARENCY_KEY_FILE ${file}: group or others may access it (mode 0644); a signer key must be readable by its owner only (chmod 600)`,
    );
  });

  it('names every problem in one message, one line each', () => {
    devKeys();
    const message = problemOf({ TRANSPARENCY_KEY_FILE: signerKey(0o640), PORT: 'eighty' });
    const lines = message.split('\n').slice(1);
    expect(message.split('\n')[0]).toBe('invalid configuration:');
    expect(lines.some((line) => line.includes('PORT:'))).toBe(true);
    expect(lines.some((line) => line.includes('API_KEYS or API_KEYS_FILE: required'))).toBe(true);
    expect(lines.some((line) => line.includes('dev-api-keys.json: development keys file present'))).toBe(true);
    expect(lines.some((line) => line.includes('group or others may access it (mode 0640)'))).toBe(true);
  });

  it('development keeps its keys file and needs no configured keys', () => {
    devKeys();
    expect(loadApiEnvironment({ NODE_ENV: 'development', DATA_DIR: dir }).NODE_ENV).toBe('development');
  });

  it('with PROJECTOR=external the API signs nothing, so the key file is not its concern', () => {
    const env = production({
      API_KEYS_FILE: keysFile(),
      TRANSPARENCY_KEY_FILE: signerKey(0o644),
      PROJECTOR: 'external',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113?tls=false',
    });
    expect(env.PROJECTOR).toBe('external');
  });
});
