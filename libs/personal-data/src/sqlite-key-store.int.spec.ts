import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_STORE_FILE_NAME, PersonalDataError, SqliteKeyStore } from './index';

describe('SqliteKeyStore', () => {
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

  it('creates a key once (the same key after), keeps it across reopen, in a 0600 file', async () => {
    const store = SqliteKeyStore.open({ dataDir: dir });
    const key = await store.createKey('p1');
    expect(key).toHaveLength(32);
    expect(Buffer.from(await store.createKey('p1'))).toEqual(Buffer.from(key));
    expect(await store.getKey('nobody')).toBeUndefined();
    await store.close();
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    const again = SqliteKeyStore.open({ dataDir: dir });
    expect(Buffer.from((await again.getKey('p1')) as Uint8Array)).toEqual(Buffer.from(key));
    expect(await again.subjects()).toEqual([{ subject: 'p1', createdAt: expect.any(String) }]);
    await again.close();
  });

  it('erases durably: the tombstone survives reopen, a key is never made again, erasing again answers the first record', async () => {
    const now = () => new Date('2026-12-06T12:00:00.000Z');
    const store = SqliteKeyStore.open({ dataDir: dir, now });
    await store.createKey('p1');
    await store.createKey('p2');
    const record = await store.eraseKey('p1', { by: 'admin@apo', reason: 'PDPA request 42' });
    expect(record).toEqual({ subject: 'p1', erasedAt: '2026-12-06T12:00:00.000Z', by: 'admin@apo', reason: 'PDPA request 42' });
    await store.close();

    const again = SqliteKeyStore.open({ dataDir: dir });
    expect(await again.getKey('p1')).toBeUndefined();
    expect(await again.isErased('p1')).toBe(true);
    expect(await again.isErased('p2')).toBe(false);
    await expect(again.createKey('p1')).rejects.toMatchObject({ name: 'PersonalDataError', code: 'SUBJECT_ERASED' });
    expect(await again.eraseKey('p1', { by: 'someone', reason: 'again' })).toEqual(record);
    // A subject never keyed can be erased too, and then never gets a key.
    await again.eraseKey('p3', { by: 'admin', reason: 'before any data' });
    await expect(again.createKey('p3')).rejects.toBeInstanceOf(PersonalDataError);
    expect((await again.subjects()).map((s) => [s.subject, s.erased !== undefined])).toEqual([
      ['p1', true],
      ['p2', false],
      ['p3', true],
    ]);
    await again.close();
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
