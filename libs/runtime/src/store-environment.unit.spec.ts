import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadEnvironment, StoreEnvironment } from './store-environment';

describe('store environment: secrets read from *_FILE variables', () => {
  let dir: string;
  const secret = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  const load = (vars: Record<string, string>) => loadEnvironment(StoreEnvironment, vars);
  const problem = (vars: Record<string, string>) => {
    try {
      load(vars);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'store-env-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads READ_DATABASE_URL and EVENTSTORE_CONNECTION_STRING from the files their *_FILE names (the newline trimmed)', () => {
    const env = load({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING_FILE: secret('esdb', 'esdb://admin:pw@node1:2113,node2:2113?tls=true\n'),
      READ_DATABASE_URL_FILE: secret('pg', 'postgres://apo:pw@postgres:5432/apo\n'),
    });
    expect(env.EVENTSTORE_CONNECTION_STRING).toBe('esdb://admin:pw@node1:2113,node2:2113?tls=true');
    expect(env.READ_DATABASE_URL).toBe('postgres://apo:pw@postgres:5432/apo');
  });

  it('refuses a variable set both inline and by file, naming both', () => {
    expect(problem({ READ_DATABASE_URL: 'postgres://a@b/c', READ_DATABASE_URL_FILE: secret('pg', 'postgres://a@b/c') })).toContain(
      'READ_DATABASE_URL, READ_DATABASE_URL_FILE: set one of them, not both',
    );
  });

  it('refuses a file that is missing or empty, naming the variable and the file', () => {
    const missing = join(dir, 'absent');
    const message = problem({ EVENTSTORE_CONNECTION_STRING_FILE: missing, READ_DATABASE_URL_FILE: secret('empty', '\n') });
    expect(message).toContain(`EVENTSTORE_CONNECTION_STRING_FILE: cannot read ${missing} (ENOENT)`);
    expect(message).toContain(`READ_DATABASE_URL_FILE: ${join(dir, 'empty')} is empty`);
  });

  it('a malformed value read from a file is refused without printing it (it may carry a password)', () => {
    const file = secret('esdb', 'http://admin:hunter2@node1:2113');
    const message = problem({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING_FILE: file });
    expect(message).toContain(
      `EVENTSTORE_CONNECTION_STRING: EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// URL (read from EVENTSTORE_CONNECTION_STRING_FILE ${file})`,
    );
    expect(message).not.toContain('hunter2');
  });

  it('EVENT_STORE=eventstoredb needs the connection string inline or by file', () => {
    expect(problem({ EVENT_STORE: 'eventstoredb' })).toContain(
      'EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb (or EVENTSTORE_CONNECTION_STRING_FILE)',
    );
  });
});

describe('store environment: READ_STORE_CONNECT_TIMEOUT_MS', () => {
  it('waits 30 s for PostgreSQL by default, as set otherwise, and refuses what is not a whole number of ms up to 10 min', () => {
    expect(loadEnvironment(StoreEnvironment, {}).READ_STORE_CONNECT_TIMEOUT_MS).toBe(30_000);
    expect(loadEnvironment(StoreEnvironment, { READ_STORE_CONNECT_TIMEOUT_MS: '0' }).READ_STORE_CONNECT_TIMEOUT_MS).toBe(0);
    for (const bad of ['-1', 'soon', '600001']) {
      expect(() => loadEnvironment(StoreEnvironment, { READ_STORE_CONNECT_TIMEOUT_MS: bad })).toThrow(/READ_STORE_CONNECT_TIMEOUT_MS/);
    }
  });
});
