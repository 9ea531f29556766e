import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_STORE_FILE_NAME, PersonalDataError, SqliteKeyStore } from './index';
import { describeKeyStoreConformance } from './testing/key-store-conformance';

describeKeyStoreConformance('SqliteKeyStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'personal-keys-'));
  return {
    open: async (options) => SqliteKeyStore.open({ dataDir: dir, ...options }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SqliteKeyStore on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'personal-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = () => join(dir, KEY_STORE_FILE_NAME);
  /** Every byte the store has on disk: the file and any journal or WAL beside it. */
  const storeBytes = (): Buffer[] =>
    ['', '-journal', '-wal', '-shm']
      .map((s) => file() + s)
      .filter(existsSync)
      .map((f) => readFileSync(f));

  it('keeps its keys in a 0600 file', async () => {
    const store = SqliteKeyStore.open({ dataDir: dir });
    await store.createKey('p1');
    await store.close();
    expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('after an erase, the key bytes are nowhere in the store file or its journal', async () => {
    const store = SqliteKeyStore.open({ dataDir: dir });
    const keys = new Map<string, Buffer>();
    for (let i = 0; i < 200; i++) keys.set(`person-${i}`, Buffer.from(await store.createKey(`person-${i}`)));
    const victims = ['person-0', 'person-77', 'person-199'];
    for (const s of victims) expect(storeBytes().some((b) => b.includes(keys.get(s) as Buffer))).toBe(true);
    for (const s of victims) await store.eraseKey(s, { by: 'admin', reason: 'request' });
    // Other writes after the erase must not bring old pages back either.
    for (let i = 200; i < 220; i++) await store.createKey(`person-${i}`);
    for (const s of victims) expect(storeBytes().some((b) => b.includes(keys.get(s) as Buffer))).toBe(false);
    expect(storeBytes().some((b) => b.includes(keys.get('person-1') as Buffer))).toBe(true);
    await store.close();
    for (const s of victims) expect(storeBytes().some((b) => b.includes(keys.get(s) as Buffer))).toBe(false);
    expect(existsSync(`${file()}-journal`)).toBe(false);
    expect(existsSync(`${file()}-wal`)).toBe(false);
  });

  it('refuses a file that is not a key store', async () => {
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => SqliteKeyStore.open({ file: other })).toThrow(/not a personal-data key store/);
    writeFileSync(join(dir, 'junk.sqlite'), 'x'.repeat(4096));
    expect(() => SqliteKeyStore.open({ file: join(dir, 'junk.sqlite') })).toThrow(PersonalDataError);
    expect(() => SqliteKeyStore.open({})).toThrow(TypeError);
  });
});
