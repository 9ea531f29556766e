import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from '@apo/read-store/testing';
import { createServer, type AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { KEY_STORE_TABLE, PersonalDataError, PostgresKeyStore, type OpenPostgresKeyStoreOptions } from './index';
import { describeKeyStoreConformance } from './testing/key-store-conformance';

const withPostgres = postgresAvailable('PostgresKeyStore');
const describePostgres = withPostgres ? describe : describe.skip;

/** A pool on the test server whose search_path is `schema` (created by the caller or the store). */
const poolIn = (schema: string) => new Pool({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}`, max: 2 });

/** A port nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

if (withPostgres) {
  // Each test in a schema of its own (the connection's search_path), dropped after.
  describeKeyStoreConformance('PostgresKeyStore', async () => {
    const schema = testSchemaName();
    return {
      open: (options) => PostgresKeyStore.open({ url: TEST_PG_URL, schema, ...options }),
      cleanup: () => dropSchema(schema),
    };
  });
}

describePostgres('PostgresKeyStore on a shared server', () => {
  let schema: string;
  const stores: PostgresKeyStore[] = [];
  const pools: Pool[] = [];
  const open = async (options: Partial<OpenPostgresKeyStoreOptions> = {}) => {
    const store = await PostgresKeyStore.open({ url: TEST_PG_URL, schema, ...options });
    stores.push(store);
    return store;
  };
  let admin: Pool | undefined;
  /** Runs SQL on the test's schema beside the stores. */
  const sql = async <T extends object>(text: string, values: unknown[] = []): Promise<T[]> => {
    if (admin === undefined) {
      admin = poolIn(schema);
      pools.push(admin);
    }
    return (await admin.query<T>(text, values)).rows;
  };
  beforeEach(() => {
    schema = testSchemaName();
    admin = undefined;
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const pool of pools.splice(0)) await pool.end();
    await dropSchema(schema);
  });

  it('opens from several processes at once on a fresh schema: one table, every store usable', async () => {
    const opened = await Promise.all([open(), open(), open(), open()]);
    await opened[0].createKey('p1');
    for (const store of opened) expect(await store.subjects()).toEqual([{ subject: 'p1', createdAt: expect.any(String) }]);
    expect(await sql('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema])).toEqual([{ table_name: KEY_STORE_TABLE }]);
  });

  it('two stores racing createKey for the same subjects get the same key; racing erasures get the same record', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const subjects = Array.from({ length: 40 }, (_, i) => `person-${i}`);
    const pairs = await Promise.all(subjects.map((s) => Promise.all([a.createKey(s), b.createKey(s)])));
    for (const [x, y] of pairs) expect(Buffer.from(x)).toEqual(Buffer.from(y));
    expect(new Set(pairs.map(([x]) => Buffer.from(x).toString('hex'))).size).toBe(subjects.length);
    const [first, second] = await Promise.all([a.eraseKey('person-3', { by: 'a', reason: 'one' }), b.eraseKey('person-3', { by: 'b', reason: 'two' })]);
    expect(second).toEqual(first);
    await expect(b.createKey('person-3')).rejects.toMatchObject({ code: 'SUBJECT_ERASED' });
  });

  it('after eraseKey the key bytes are in no row of the table', async () => {
    const store = await open();
    const keys = new Map<string, string>();
    for (let i = 0; i < 50; i++) keys.set(`person-${i}`, Buffer.from(await store.createKey(`person-${i}`)).toString('hex'));
    /** Every row as PostgreSQL prints it (a bytea as \\x and its hex). */
    const table = async () => (await sql<{ row: string }>(`SELECT t::text AS row FROM ${KEY_STORE_TABLE} t`)).map((r) => r.row).join('\n');
    const victims = ['person-0', 'person-21', 'person-49'];
    for (const s of victims) expect(await table()).toContain(keys.get(s));
    for (const s of victims) await store.eraseKey(s, { by: 'admin', reason: 'request' });
    const after = await table();
    for (const s of victims) expect(after).not.toContain(keys.get(s));
    expect(after).toContain(keys.get('person-1'));
    // The plain VACUUM run by eraseKey removes the dead row versions, but PostgreSQL leaves their
    // bytes in the page's free space until overwritten (see the class comment); eraseVacuum 'full'
    // rewrites the file without them, which the next test checks on disk.
  });

  it("with eraseVacuum 'full', the key bytes are gone from the table's data file", async () => {
    const [{ rolsuper }] = await sql<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    if (!rolsuper) {
      process.stdout.write('SKIPPED PostgresKeyStore data-file check: reading the data file and CHECKPOINT need a superuser\n');
      return;
    }
    const store = await open({ eraseVacuum: 'full' });
    const keys = new Map<string, Buffer>();
    for (let i = 0; i < 200; i++) keys.set(`person-${i}`, Buffer.from(await store.createKey(`person-${i}`)));
    const dataFile = async () => {
      await sql('CHECKPOINT');
      const [{ bytes }] = await sql<{ bytes: Buffer }>(`SELECT pg_read_binary_file(pg_relation_filepath('${KEY_STORE_TABLE}')) AS bytes`);
      return bytes;
    };
    // The last row written on each page: after a plain VACUUM its bytes can stay in the page's
    // free space (seen on PostgreSQL 15 for the last row of a full page), which VACUUM FULL leaves behind.
    const places = await sql<{ subject: string; page: number; line: number }>(
      `SELECT subject, (ctid::text::point)[0]::int AS page, (ctid::text::point)[1]::int AS line FROM ${KEY_STORE_TABLE}`,
    );
    const lastOnPage = new Map<number, { subject: string; line: number }>();
    for (const { subject, page, line } of places) if ((lastOnPage.get(page)?.line ?? 0) < line) lastOnPage.set(page, { subject, line });
    const victims = [...lastOnPage.values()].map((v) => v.subject);
    expect(victims.length).toBeGreaterThan(1);
    const before = await dataFile();
    for (const s of victims) expect(before.includes(keys.get(s) as Buffer)).toBe(true);
    for (const s of victims) await store.eraseKey(s, { by: 'admin', reason: 'request' });
    const after = await dataFile();
    for (const s of victims) expect(after.includes(keys.get(s) as Buffer)).toBe(false);
    expect(after.includes(keys.get('person-1') as Buffer)).toBe(true);
  });

  it('an erase whose VACUUM FULL cannot get its lock stays committed, throws KEY_STORE, and erasing again retries the VACUUM', async () => {
    const store = await open({ eraseVacuum: 'full', vacuumLockTimeoutMs: 200 });
    await store.createKey('p1');
    // A reader with an open transaction on the table (as a pg_dump is) holds a lock VACUUM FULL waits for.
    const readers = poolIn(schema);
    pools.push(readers);
    const reader = await readers.connect();
    try {
      await reader.query('BEGIN');
      await reader.query(`SELECT count(*) FROM ${KEY_STORE_TABLE}`);
      await expect(store.eraseKey('p1', { by: 'admin', reason: 'request' })).rejects.toMatchObject({
        code: 'KEY_STORE',
        message: expect.stringMatching(/erase is committed but VACUUM failed \(erase again to retry\): .*lock timeout/),
      });
      expect(await store.getKey('p1')).toBeUndefined();
      await reader.query('COMMIT');
    } finally {
      reader.release();
    }
    const record = (await store.subjects())[0].erased;
    expect(await store.eraseKey('p1', { by: 'someone', reason: 'retry' })).toEqual(record);
  });

  it('works over a pool of the caller (left open by close)', async () => {
    await sql(`CREATE SCHEMA "${schema}"`);
    const pool = poolIn(schema);
    pools.push(pool);
    const store = await PostgresKeyStore.open({ pool });
    const key = await store.createKey('p1');
    await store.close();
    const [row] = await sql<{ key: Buffer }>(`SELECT key FROM ${KEY_STORE_TABLE} WHERE subject = 'p1'`);
    expect(row.key).toEqual(Buffer.from(key));
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a table of that name that is not a key store, or of another schema version', async () => {
    await sql(`CREATE SCHEMA "${schema}"`);
    await sql(`CREATE TABLE ${KEY_STORE_TABLE} (subject text)`);
    await expect(open()).rejects.toThrow(/is not a personal-data key store/);
    await sql(`COMMENT ON TABLE ${KEY_STORE_TABLE} IS 'apo personal-data key store, schema 2'`);
    await expect(open()).rejects.toMatchObject({ code: 'KEY_STORE', message: expect.stringMatching(/key store schema 2 is not the supported 1/) });
  });

  it('turns every PostgreSQL failure into a KEY_STORE error: unreachable server, dropped table, closed store', async () => {
    const port = await closedPort();
    const refused = PostgresKeyStore.open({ url: `postgres://apo:secret@127.0.0.1:${port}/test` });
    await expect(refused).rejects.toBeInstanceOf(PersonalDataError);
    await expect(refused).rejects.toMatchObject({
      code: 'KEY_STORE',
      message: expect.stringMatching(/apo:\*\*\*@127\.0\.0\.1:\d+.*cannot be opened: .*ECONNREFUSED/),
    });
    await expect(refused).rejects.not.toThrow(/secret/);

    const store = await open();
    await store.createKey('p1');
    await sql(`DROP TABLE ${KEY_STORE_TABLE}`);
    await expect(store.getKey('p1')).rejects.toMatchObject({ code: 'KEY_STORE', message: expect.stringMatching(/reading a key failed: .*does not exist/) });
    await expect(store.eraseKey('p1', { by: 'a', reason: 'b' })).rejects.toMatchObject({ code: 'KEY_STORE' });
    await store.close();
    await expect(store.createKey('p1')).rejects.toMatchObject({ code: 'KEY_STORE', message: expect.stringMatching(/is closed/) });
  });
});
