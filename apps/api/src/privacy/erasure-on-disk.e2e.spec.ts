import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { openEsdbEventStore } from '@apo/event-store/esdb';
import { startEsdbWireServer, type EsdbWireServer } from '@apo/event-store/testing';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from '@apo/read-store/testing';
import { hashKey } from '../auth/api-keys';
import { BCN_COMMAND_ROUTES } from '../testing/api-harness';

/**
 * Issue #23's bar: a roster with a distinctive name, the subject erased, and then the name is
 * nowhere on disk (event store and WAL, snapshots, read store on SQLite or PostgreSQL, key
 * store, an export, the API's own log at its most verbose) while verify and the seal pass and
 * every other field reads as before; after a rebuild from zero and after a restored backup too.
 */
const REPO = resolve(__dirname, '../../../..');
const NAME = 'Zebulon Quaffington-Marchbanks';
const POSITION = 'Undersecretary for Xylophone Standards';
const OTHER = 'Alice Keeper';
/** The subject: new on every run (a PostgreSQL key store keeps its tombstones across runs, in the schema personal_data). */
const SUBJECT = `zq-${randomBytes(6).toString('hex')}`;
const KEYS = {
  admin: 'privacy_admin_key_0123456789abcdef',
  assessor: 'privacy_assessor_key_0123456789abc',
  reporter: 'privacy_reporter_key_0123456789ab',
  auditor: 'privacy_auditor_key_0123456789abc',
};
type Role = keyof typeof KEYS;
jest.setTimeout(180_000);

/** The real CLI (`coe`), from the sources, without the store settings of the test's environment. */
const runCli = (args: readonly string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const env = { ...process.env };
    for (const name of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING', 'READ_DATABASE_URL']) delete env[name];
    execFile(process.execPath, ['-r', './tools/register.js', 'apps/cli/src/main.ts', ...args], { cwd: REPO, env }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

interface Api {
  readonly url: string;
  readonly child: ChildProcess;
}

/** Every API process started, stopped after each test whatever happened. */
const running: Api[] = [];

async function startApi(dir: string, env: Record<string, string>): Promise<Api> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // Its log on disk, at its most verbose: the name must not be in it either.
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, 'api.log'), { flags: 'a' });
  const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), join(REPO, 'apps/api/src/main.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      SCHEDULER: 'off',
      SNAPSHOT_EVERY: '1',
      RATE_LIMIT_PER_MINUTE: '100000000',
      API_KEYS: JSON.stringify(Object.entries(KEYS).map(([role, key]) => ({ principal: `test-${role}`, role, sha256: hashKey(key) }))),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${readFileSync(join(dir, 'api.log'), 'utf8')}`);
    if (
      await fetch(`${url}/health`).then(
        (r) => r.status === 200,
        () => false,
      )
    ) {
      running.push({ url, child });
      return { url, child };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('API did not answer /health');
}

const stopApi = (api: Api) =>
  new Promise<void>((done) => {
    if (api.child.exitCode !== null) return done();
    api.child.once('exit', () => done());
    api.child.kill('SIGTERM');
  });

// Answers are read as loosely as a client reads JSON; each assertion states the shape it expects.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function call(api: Api, method: string, path: string, role: Role, body?: unknown): Promise<{ status: number; body: Loose; text: string }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEYS[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

const ok = async (answer: Promise<{ status: number; body: Loose; text: string }>) => {
  const a = await answer;
  if (a.status >= 300) throw new Error(`${a.status}: ${a.text}`);
  return a.body;
};

/** Every file under `dir`, with its bytes. */
const filesUnder = (dir: string): { file: string; bytes: Buffer }[] =>
  readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, bytes: readFileSync(file) }];
  });

/** The files (and their count) holding `text` in UTF-8 or UTF-16. */
const holding = (dir: string, text: string) => {
  const all = filesUnder(dir);
  const found = all.filter(({ bytes }) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))).map((f) => f.file);
  return { found, scanned: all.map((f) => f.file) };
};

const ID = 'privacy-roster';
const steps: [string, Record<string, unknown>, Role][] = [
  [
    'DraftExchange',
    { title: 'Green audits', topic: 'green productivity', programmeYear: 2026, sendingNpo: 'NP', hostingNpo: 'JP', draftedOn: '2026-01-10' },
    'assessor',
  ],
  ['SubmitExchange', { submittedOn: '2026-03-01' }, 'assessor'],
  ['ApproveExchange', { approvedOn: '2026-03-20' }, 'admin'],
  [
    'ScheduleExchange',
    {
      scheduledOn: '2026-05-02',
      startDate: '2026-06-10',
      endDate: '2026-06-12',
      modality: 'faceToFace',
      hostingNpo: 'JP',
      participants: [
        { personId: SUBJECT, name: NAME, position: POSITION, category: 'policymaker' },
        { name: OTHER, position: 'Director', category: 'npoOfficial' },
      ],
    },
    'assessor',
  ],
];

/** Every row of every table of a PostgreSQL schema, as text. */
async function schemaText(schema: string): Promise<string> {
  const client = new Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    let text = '';
    for (const { table_name } of rows) {
      const r = await client.query(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`);
      text += r.rows.map((x: { row: string }) => x.row).join('\n');
    }
    return `${rows.length} tables\n${text}`;
  } finally {
    await client.end();
  }
}

const readStores: [string, () => { env: Record<string, string>; schema?: string }][] = [['SQLite', () => ({ env: {} })]];
if (postgresAvailable('personal-data erasure on disk (PostgreSQL read store)')) {
  readStores.push([
    'PostgreSQL',
    () => {
      const schema = testSchemaName();
      return { env: { READ_DATABASE_URL: `${TEST_PG_URL}?schema=${schema}` }, schema };
    },
  ]);
}

describe.each(readStores)('erasing a data subject, read store on %s', (_kind, readStore) => {
  let dir: string;
  const schemas: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-e2e-'));
  });
  afterEach(async () => {
    for (const api of running.splice(0)) await stopApi(api);
    rmSync(dir, { recursive: true, force: true });
    for (const s of schemas.splice(0)) await dropSchema(s);
  });
  const store = () => {
    const s = readStore();
    if (s.schema) schemas.push(s.schema);
    return s;
  };

  it('leaves the name nowhere on disk, every other field as it was, verify and seal passing; a rebuild and a restored backup bring nothing back', async () => {
    const first = store();
    let api = await startApi(join(dir, 'data'), first.env);
    let position = '0';
    for (const [type, data, role] of steps)
      position = (await ok(call(api, 'POST', `/bcn-exchanges/${ID}/${BCN_COMMAND_ROUTES[type]}`, role, data))).position ?? position;

    // Before: the name reads in clear for an assessor, withheld from a reporter; the read model counts.
    const before = await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'assessor'));
    const [zq, other] = before.schedule.participants;
    expect(zq).toEqual({ personId: SUBJECT, name: NAME, position: POSITION, category: 'policymaker' });
    expect(other).toMatchObject({ name: OTHER, category: 'npoOfficial', personId: expect.stringMatching(/^p-/) });
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'reporter'))).schedule.participants[0].name).toEqual({ $withheld: 1, subject: SUBJECT });
    const historyBefore = await ok(call(api, 'GET', `/bcn-exchanges/${ID}/history`, 'admin'));
    const sealBefore = await ok(call(api, 'GET', '/audit/seal', 'admin'));
    await stopApi(api);

    // A backup taken before the erasure (the key store is not in it: docs/privacy.md).
    const backup = await runCli(['--data-dir', join(dir, 'data'), 'backup', '--to', join(dir, 'backup')]);
    expect([backup.code, backup.stderr]).toEqual([0, '']);

    api = await startApi(join(dir, 'data'), first.env);
    const erased = await call(api, 'POST', `/privacy/subjects/${SUBJECT}/erasure`, 'admin', { reason: 'PDPA request 2026-114 by the participant' });
    expect([erased.status, erased.body.erasedNow, erased.body.by]).toEqual([200, true, 'test-admin']);
    const again = await call(api, 'POST', `/privacy/subjects/${SUBJECT}/erasure`, 'admin', { reason: 'again' });
    expect([again.status, again.body.erasedNow, again.body.erasedAt]).toEqual([200, false, erased.body.erasedAt]);

    const after = await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'assessor'));
    const gone = { $erased: 1, subject: SUBJECT };
    expect(after.schedule.participants[0]).toEqual({ personId: SUBJECT, name: gone, position: gone, category: 'policymaker' });
    // Every other field reads as before.
    const rest = (view: { schedule: object; readModelPosition?: string }, participants: unknown[]) => ({
      ...view,
      readModelPosition: undefined,
      schedule: { ...view.schedule, participants },
    });
    expect(rest(after, [after.schedule.participants[1]])).toEqual(rest(before, [other]));
    // Time travel and the timeline show it erased too (withheld from an auditor, as always).
    const past = await call(api, 'GET', `/bcn-exchanges/${ID}/state?asOf=2026-06-01`, 'admin');
    expect([past.status, past.text.includes(`{"$erased":1,"subject":"${SUBJECT}"}`), past.text.includes(OTHER), past.text.includes(NAME)]).toEqual([
      200,
      true,
      true,
      false,
    ]);
    const audited = await call(api, 'GET', `/bcn-exchanges/${ID}/state`, 'auditor');
    expect([audited.status, audited.text.includes(`{"$withheld":1,"subject":"${SUBJECT}"}`), audited.text.includes(OTHER)]).toEqual([200, true, false]);
    const timeline = await call(api, 'GET', `/bcn-exchanges/${ID}/events`, 'assessor');
    expect([timeline.status, timeline.text.includes(`{"$erased":1,"subject":"${SUBJECT}"}`), timeline.text.includes(OTHER)]).toEqual([200, true, true]);
    const report = await ok(call(api, 'GET', `/privacy/subjects/${SUBJECT}`, 'admin'));
    expect(report.values.map((v: { value: unknown }) => v.value)).toEqual([gone, gone]);
    expect(report.erasure).toMatchObject({ by: 'test-admin', reason: 'PDPA request 2026-114 by the participant' });
    // A new roster naming the erased person is refused: their data is not taken again.
    const reuse = await call(api, 'POST', `/bcn-exchanges/${ID}/${BCN_COMMAND_ROUTES.ScheduleExchange}`, 'assessor', steps[3][1]);
    expect([reuse.status, reuse.body.code]).toEqual([409, 'PERSONAL_DATA.SUBJECT_ERASED']);

    // The log is as it was: the stream's hashes unchanged, verify passes, the seal of the BCN stream the same.
    const historyAfter = await ok(call(api, 'GET', `/bcn-exchanges/${ID}/history`, 'admin'));
    expect(historyAfter.events.map((e: { metadata: { hash: string } }) => e.metadata.hash)).toEqual(
      historyBefore.events.map((e: { metadata: { hash: string } }) => e.metadata.hash),
    );
    expect(historyAfter.verification.ok).toBe(true);
    expect([historyBefore.erasedSubjects, historyAfter.erasedSubjects]).toEqual([[], [SUBJECT]]);
    const verify = await ok(call(api, 'GET', '/audit/verify', 'admin'));
    expect(verify.ok).toBe(true);
    // The seal: the exchange's head as before the erasure (which only added its own stream), and a seal taken now verifies.
    const sealAfter = await ok(call(api, 'GET', '/audit/seal', 'admin'));
    const head = (s: { heads: { streamId: string }[] }) => s.heads.filter((x) => x.streamId === `bcn-${ID}`);
    expect(head(sealAfter)).toEqual(head(sealBefore));
    expect(head(sealAfter)).toHaveLength(1);
    expect(sealAfter.heads.map((x: { streamId: string }) => x.streamId)).toContain(`privacy-${SUBJECT}`);
    const sealed = await ok(call(api, 'GET', `/audit/verify?seal=${sealAfter.digest}`, 'admin'));
    expect(sealed.ok).toBe(true);
    // An export, saved where an auditor would keep it.
    const exported = await call(api, 'GET', '/audit/export', 'admin');
    expect(exported.status).toBe(200);
    mkdirSync(join(dir, 'exports'));
    writeFileSync(join(dir, 'exports', 'audit-export.jsonl'), exported.text);
    expect(exported.text).toContain(SUBJECT);
    await stopApi(api);

    const scan = holding(dir, NAME);
    expect(scan.found).toEqual([]);
    expect(holding(dir, POSITION).found).toEqual([]);
    // The scan saw the event store, its WAL or journal, snapshots, read store, keys, export and log; the other participant's name is there (sealed, so not in clear either).
    const onDisk = ['/data/events.sqlite', '/data/snapshots.sqlite', '/exports/audit-export.jsonl', '/data/api.log'];
    // On SQLite the read models and the keys are files beside the log; on PostgreSQL, tables of the read store's schema.
    expect(scan.scanned.map((f) => f.slice(dir.length))).toEqual(
      expect.arrayContaining(first.schema ? onDisk : [...onDisk, '/data/read.sqlite', '/data/personal-keys.sqlite']),
    );
    if (first.schema) {
      const rows = await schemaText(first.schema);
      expect(rows).toMatch(/^[1-9]\d* tables/);
      expect(rows).not.toContain(NAME);
      // The keys: a schema of their own in the same database, holding the subject's tombstone.
      const keys = await schemaText('personal_data');
      expect(keys).toContain(SUBJECT);
      expect(keys).not.toContain(NAME);
    }

    // A rebuild from zero (a new read store) yields no personal data.
    const rebuilt = store();
    api = await startApi(
      join(dir, 'data'),
      rebuilt.env.READ_DATABASE_URL ? rebuilt.env : { READ_DATABASE_URL: `sqlite:${join(dir, 'data', 'rebuilt.sqlite')}` },
    );
    let list = { items: [] as { id: string; participants: number }[] };
    for (const until = Date.now() + 30_000; list.items.length === 0 && Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      list = await ok(call(api, 'GET', `/bcn-exchanges?programmeYear=2026`, 'reporter'));
    }
    expect(list.items.map((x: { id: string; participants: number }) => [x.id, x.participants])).toEqual([[ID, 2]]);
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'admin'))).schedule.participants.map((p: { name: unknown }) => p.name)).toEqual([gone, OTHER]);
    await stopApi(api);
    expect(holding(dir, NAME).found).toEqual([]);
    if (rebuilt.schema) expect(await schemaText(rebuilt.schema)).not.toContain(NAME);

    // The backup from before the erasure, restored: the key is gone, so the name stays erased.
    const restore = await runCli(['--data-dir', join(dir, 'data'), 'restore', '--from', join(dir, 'backup'), '--no-rebuild']);
    expect(restore.code).toBe(0);
    api = await startApi(join(dir, 'data'), first.env);
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'assessor'))).schedule.participants[0]).toEqual({
      personId: SUBJECT,
      name: gone,
      position: gone,
      category: 'policymaker',
    });
    await stopApi(api);
    expect(holding(dir, NAME).found).toEqual([]);
  });
});

describe('erasing a data subject, event store on EventStoreDB (the gRPC wire test server)', () => {
  let dir: string;
  let server: EsdbWireServer;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-esdb-e2e-'));
    server = await startEsdbWireServer();
  });
  afterEach(async () => {
    for (const api of running.splice(0)) await stopApi(api);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every event the server holds, as the adapter reads it back: data and metadata as JSON text. */
  const logText = async (): Promise<string> => {
    const store = await openEsdbEventStore(server.connectionString);
    try {
      const lines: string[] = [];
      for await (const e of store.readAll()) lines.push(JSON.stringify([e.streamId, e.type, e.data, e.metadata]));
      return lines.join('\n');
    } finally {
      await store.close();
    }
  };

  it('stores only ciphertext in the log; after the erasure the name is nowhere (log, snapshots, read store, keys, log file), verify passes, a rebuild shows it erased', async () => {
    const env = { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString };
    let api = await startApi(join(dir, 'data'), env);
    for (const [type, data, role] of steps) await ok(call(api, 'POST', `/bcn-exchanges/${ID}/${BCN_COMMAND_ROUTES[type]}`, role, data));
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'assessor'))).schedule.participants[0].name).toBe(NAME);
    const stored = await logText();
    expect(stored).toContain('"$personal":1');
    expect(stored).not.toContain(NAME);

    const erased = await call(api, 'POST', `/privacy/subjects/${SUBJECT}/erasure`, 'admin', { reason: 'APPI request by the participant' });
    expect([erased.status, erased.body.erasedNow]).toEqual([200, true]);
    const gone = { $erased: 1, subject: SUBJECT };
    const view = await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'assessor'));
    expect(view.schedule.participants.map((p: { name: unknown }) => p.name)).toEqual([gone, OTHER]);
    expect((await ok(call(api, 'GET', '/audit/verify', 'admin'))).ok).toBe(true);
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}/history`, 'admin'))).verification.ok).toBe(true);
    await stopApi(api);

    const after = await logText();
    expect(after).not.toContain(NAME);
    expect(after).toContain('PersonalDataErased');
    expect(holding(dir, NAME).found).toEqual([]);

    // A rebuild from zero: a new read store over the same log.
    api = await startApi(join(dir, 'data'), { ...env, READ_DATABASE_URL: `sqlite:${join(dir, 'data', 'rebuilt.sqlite')}` });
    let list = { items: [] as { id: string; participants: number }[] };
    for (const until = Date.now() + 30_000; list.items.length === 0 && Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      list = await ok(call(api, 'GET', `/bcn-exchanges?programmeYear=2026`, 'reporter'));
    }
    expect(list.items.map((x) => [x.id, x.participants])).toEqual([[ID, 2]]);
    expect((await ok(call(api, 'GET', `/bcn-exchanges/${ID}`, 'admin'))).schedule.participants[0].position).toEqual(gone);
    await stopApi(api);
    expect(holding(dir, NAME).found).toEqual([]);
  });
});
