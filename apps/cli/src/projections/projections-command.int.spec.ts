import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRegistry } from '@apo/programmes';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { readModelNames, readModelProjections, ProjectionRunner, type ProjectionStatus } from '@apo/projections';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from '@apo/read-store/testing';
import { DamagedLog, generatePortfolio, readModelRows, runSteps, coeV1Registry } from '@apo/projections/testing';
import { recordedOnVersion2 } from '@apo/coe/testing';
import { buildProgram } from '../main';

const ROOT = resolve(__dirname, '../../../..');
const NAMES = readModelNames();
/** Each projection's version, as status prints it. */
const VERSIONS = new Map(
  readModelProjections({ registry: createRegistry(), store: { readStream: () => Promise.resolve([]) } }).map((p) => [p.name, p.version]),
);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI in its own process, as `npm run coe` starts it (stdout is a pipe: no bar). */
function coe(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = { ...process.env, ...env };
  for (const key of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING']) delete clean[key];
  if (!env.READ_DATABASE_URL) delete clean.READ_DATABASE_URL;
  return new Promise((done) =>
    execFile(process.execPath, ['-r', './tools/register.js', 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env: clean }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('coe projections (the CLI against a data dir of real COE events)', () => {
  let dir: string;
  let incremental: Awaited<ReturnType<typeof readModelRows>>;
  let head: number;
  const inDir = (...args: string[]) => coe(['--data-dir', dir, 'projections', ...args]);
  const status = async (): Promise<ProjectionStatus[]> => {
    const run = await inDir('status', '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return (JSON.parse(run.stdout) as { projections: ProjectionStatus[] }).projections;
  };
  const withReadStore = async <T>(use: (readStore: ReadStore) => Promise<T>): Promise<T> => {
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      return await use(readStore);
    } finally {
      await readStore.close();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coe-cli-projections-'));
    // Dynamic, as the CLI loads it (the module-boundary rule forbids mixing static and lazy imports).
    const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
    const store = await openSqliteEventStore({ dataDir: dir });
    // The rows a runner builds live, batch by batch, while the COEs' histories are written.
    const live = await openReadStore({ url: join(dir, 'incremental.sqlite') });
    const runner = new ProjectionRunner({ store, readStore: live, projections: readModelProjections({ registry: createRegistry(), store }), batchSize: 37 });
    await runner.start();
    await runSteps(store, recordedOnVersion2(generatePortfolio({ count: 30, seed: 11 })));
    await runner.catchUp();
    incremental = await readModelRows(live);
    head = Number((await runner.status())[0]?.headPosition);
    await runner.stop();
    await live.close();
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('status lists every projection with its lag; rebuild brings all to the head with rows equal to the live build', async () => {
    expect(head).toBeGreaterThan(300);
    const table = await inDir('status');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`read store ${join(dir, 'read.sqlite')}`);
    for (const name of NAMES) expect(table.stdout).toMatch(new RegExp(`^${name} +${VERSIONS.get(name)} +0 +${head} +${head} +\\d+ +no +0$`, 'm'));
    expect((await status()).map((s) => [s.name, s.lagEvents, s.position])).toEqual(NAMES.map((n) => [n, head, '0']));

    const rebuild = await inDir('rebuild');
    expect(rebuild).toMatchObject({ code: 0, stderr: '' });
    expect(rebuild.stdout).toContain(`rebuilding all ${NAMES.length} projections: up to position ${head}`);
    expect(rebuild.stdout).toMatch(
      new RegExp(`^rebuilt all ${NAMES.length} projections up to position ${head}: ${head} events read in [\\d.]+s \\(\\d+ events/s\\)$`, 'm'),
    );
    expect((await status()).map((s) => [s.name, s.lagEvents, s.secondsBehind, s.position])).toEqual(NAMES.map((n) => [n, 0, 0, String(head)]));
    expect(await withReadStore(readModelRows)).toEqual(incremental);
  }, 30_000);

  it('rebuild <name> resets that projection only', async () => {
    // Damage one row in two read models: only the rebuilt one is made right again.
    await withReadStore(async (rs) => {
      await rs.db.updateTable('coe_overview').set({ name: 'tampered' }).execute();
      await rs.db.updateTable('coe_assessments').set({ overall: -1 }).execute();
    });
    const run = await inDir('rebuild', 'coe-assessments');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^rebuilt coe-assessments up to position ${head}: ${head} events read`, 'm'));
    const rows = await withReadStore(readModelRows);
    expect(rows.coe_assessments).toEqual(incremental.coe_assessments);
    expect(new Set(rows.coe_overview.map((r) => r.name))).toEqual(new Set(['tampered']));

    expect((await inDir('rebuild', 'coe-overview')).code).toBe(0);
    expect(await withReadStore(readModelRows)).toEqual(incremental);
  }, 30_000);

  it('refuses an unknown projection or read database with exit code 2, an unreachable one with 3', async () => {
    const [unknown, badFlag, badEnv, unreachable] = await Promise.all([
      inDir('rebuild', 'coe-nope'),
      inDir('status', '--read-database', 'mysql://db.example/reports'),
      coe(['--data-dir', dir, 'projections', 'status'], { READ_DATABASE_URL: 'mysql://db.example/reports' }),
      inDir('--read-database', 'postgres://u:secret@127.0.0.1:1/reports', 'status'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(`unknown projection "coe-nope"; known projections: ${NAMES.join(', ')}`);
    for (const bad of [badFlag, badEnv]) {
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--read-database: read store URL mysql:\/\/db\.example\/reports: .*READ_STORE_BAD_URL/);
    }
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('READ_STORE_UNREACHABLE');
    expect(unreachable.stderr).not.toContain('secret');
  }, 30_000);

  it('says it waits while another runner holds the lease, and gives up after --wait-timeout with exit code 1', async () => {
    await withReadStore(async (rs) => {
      const lease = await rs.tryAcquireLease();
      expect(lease).toBeDefined();
      try {
        const run = await inDir('rebuild', '--wait-timeout', '0.5');
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('waiting for the projection lease held by another runner');
        expect(run.stderr).toContain('gave up after 0.5s');
      } finally {
        await lease?.release();
      }
    });
  }, 30_000);

  it('documents every command in --help', () => {
    const group = buildProgram().commands.find((c) => c.name() === 'projections');
    const help = (name: string) => group?.commands.find((c) => c.name() === name)?.helpInformation() ?? '';
    expect(group?.helpInformation()).toContain('--read-database <url>');
    expect(help('status')).toContain('--json');
    expect(help('rebuild')).toContain('--wait-timeout <seconds>');
    for (const name of NAMES) expect(help('rebuild')).toContain(name);
  });
});

/** Where the damaged log's read models go: the data dir's SQLite file, or a fresh PostgreSQL schema. */
const readDatabases: [string, () => { url?: string; cleanup(): Promise<void> }][] = [['sqlite', () => ({ cleanup: async () => undefined })]];
if (postgresAvailable('coe projections on a damaged log')) {
  readDatabases.push([
    'postgres',
    () => {
      const schema = testSchemaName();
      return { url: `${TEST_PG_URL}?schema=${schema}`, cleanup: () => dropSchema(schema) };
    },
  ]);
}

describe.each(readDatabases)(
  'coe projections on a log holding a NUL, invalid JSON and an event of an unexpected shape (read database: %s)',
  (_dialect, makeDatabase) => {
    let dir: string;
    let database: ReturnType<typeof makeDatabase>;
    let damaged: { nul: number; unreadable: { position: number; streamId: string; revision: number }; reshaped: number };
    const inDir = (...args: string[]) => coe(['--data-dir', dir, 'projections', ...(database.url ? ['--read-database', database.url] : []), ...args]);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'coe-cli-damaged-'));
      database = makeDatabase();
      const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
      const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
      await runSteps(store, generatePortfolio({ count: 6, seed: 5 }), coeV1Registry());
      await store.close();
      const log = new DamagedLog(dir);
      const nul = log.first('ApplicationSubmitted');
      const unreadable = log.first('PublicationRecorded', [nul.streamId]);
      const reshaped = log.first('CoeDesignated', [nul.streamId, unreadable.streamId]);
      log.setData(nul.position, { ...JSON.parse(nul.data), name: 'a\u0000b' });
      log.setRawData(unreadable.position, '{"publicationId":');
      log.setData(reshaped.position, { ...JSON.parse(reshaped.data), period: undefined });
      log.close();
      damaged = { nul: nul.position, unreadable, reshaped: reshaped.position };
    }, 60_000);
    afterAll(async () => {
      await database.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('rebuild finishes its pass and exits 4 naming each failed event; status shows them, as text and JSON', async () => {
      const rebuild = await inDir('rebuild');
      expect(rebuild.code).toBe(4);
      expect(rebuild.stdout).toMatch(/^rebuilt all \d+ projections up to position \d+/m);
      const { position, streamId, revision } = damaged.unreadable;
      for (const projection of ['coe-overview', 'coe-activity', 'deadlines', 'notification-outbox']) {
        expect(rebuild.stderr).toContain(
          `position ${position}  ${projection}  ${streamId}@${revision} PublicationRecorded: stored event ${streamId}@${revision} (log position ${position}): data is not a JSON object`,
        );
      }
      // The overview and the deadlines fold whole streams: they cannot fold the rest of that stream either.
      expect(rebuild.stderr).toMatch(new RegExp(`position \\d+  coe-overview  ${streamId}@${revision + 1} \\w+: stored event ${streamId}@${revision} `));
      // A designation without its period: the phase history reads it (the folds take it, and owe nothing for it).
      expect(rebuild.stderr).toMatch(
        new RegExp(`position ${damaged.reshaped}  coe-phase-history  \\S+ CoeDesignated: Cannot read properties of undefined \\(reading 'key'\\)`),
      );
      expect(rebuild.stderr).toMatch(
        /^coe: \d+ events could not be applied or read and were skipped \(listed above\); fix the projection or the log, then rebuild$/m,
      );
      // The NUL is no failure: the name is stored in its escaped form.
      expect(rebuild.stderr).not.toContain(`position ${damaged.nul} `);

      const table = await inDir('status');
      expect(table.code).toBe(0);
      const listed = (JSON.parse((await inDir('status', '--json')).stdout) as { projections: ProjectionStatus[] }).projections;
      const overviewFailed = listed.find((s) => s.name === 'coe-overview')?.failedEvents ?? 0;
      expect(overviewFailed).toBeGreaterThan(1);
      expect(table.stdout).toMatch(new RegExp(`^coe-overview +${VERSIONS.get('coe-overview')} +\\d+ +\\d+ +0 +0 +no +${overviewFailed}$`, 'm'));
      expect(table.stdout).toMatch(new RegExp(`^coe-assessments +${VERSIONS.get('coe-assessments')} +\\d+ +\\d+ +0 +0 +no +0$`, 'm'));
      expect(table.stdout).toMatch(/^\d+ failed events, skipped until the projection is rebuilt/m);
      expect(table.stdout).toContain(`position ${position}  coe-activity  ${streamId}@${revision} PublicationRecorded`);
      const json = await inDir('status', '--json');
      const statuses = (JSON.parse(json.stdout) as { projections: ProjectionStatus[] }).projections;
      const overview = statuses.find((s) => s.name === 'coe-overview');
      expect(overview?.failed).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            position: String(position),
            streamId,
            revision,
            type: 'PublicationRecorded',
            error: expect.stringContaining('data is not a JSON object'),
          }),
        ]),
      );
      expect(overview?.failed.every((f) => f.streamId === streamId)).toBe(true);
      expect(statuses.find((s) => s.name === 'coe-phase-history')?.failed).toEqual([
        expect.objectContaining({ position: String(damaged.reshaped), type: 'CoeDesignated' }),
      ]);
    }, 60_000);
  },
);
