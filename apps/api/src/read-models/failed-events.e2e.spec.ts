import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import * as f from '@apo/coe/testing';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from '@apo/read-store/testing';
import { DamagedLog } from '@apo/projections/testing';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

const logPosition = (r: HttpAnswer) => r.headers.get('x-log-position') as string;

/** The JSON log lines of the read models (the API's pino log, JSON outside development) written while `work` runs. */
async function readModelLogs(work: () => Promise<void>): Promise<{ level: string; message: string }[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => (written.push(String(chunk)), true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return written
    .flatMap((text) => text.split('\n'))
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: number; context?: string; msg?: string };
        return parsed.context === 'ReadModels' ? [{ level: pino.levels.labels[parsed.level ?? 0], message: String(parsed.msg) }] : [];
      } catch {
        return [];
      }
    });
}

/** The read store of the restarted server: a new SQLite file in the data dir, or a new PostgreSQL schema. */
const readStores: [string, () => { env: Record<string, string>; cleanup(): Promise<void> }][] = [
  ['sqlite', () => ({ env: {}, cleanup: async () => undefined })],
];
if (postgresAvailable('API read models on a damaged log')) {
  readStores.push([
    'postgres',
    () => {
      const schema = testSchemaName();
      return { env: { READ_DATABASE_URL: `${TEST_PG_URL}?schema=${schema}` }, cleanup: () => dropSchema(schema) };
    },
  ]);
}

describe.each(readStores)('the API on a log holding a NUL and an unreadable event (read store: %s)', (_dialect, makeReadStore) => {
  const h = new ApiHarness();
  let readStore: ReturnType<typeof makeReadStore>;
  let unreadable: { position: number; streamId: string; revision: number; type: string };
  let logs: { level: string; message: string }[];

  beforeAll(async () => {
    await h.start();
    for (const id of ['nul', 'broken', 'fine']) for (const c of f.history.designation()) expect((await h.command(id, c.type, c.data)).status).toBeLessThan(300);
    const dir = await h.halt();
    // What a server before the input policy (or another writer) left, read by read models built afresh.
    const log = new DamagedLog(dir);
    const application = log.first('ApplicationSubmitted');
    log.setData(application.position, { ...JSON.parse(application.data), name: 'a\u0000b' });
    const damaged = log.rows().find((r) => r.streamId === 'coe-broken' && r.revision === 1);
    if (!damaged) throw new Error('no coe-broken@1');
    log.setRawData(damaged.position, '{"startedOn":');
    unreadable = damaged;
    log.close();
    rmSync(join(dir, 'read.sqlite'), { force: true });
    readStore = makeReadStore();
    // The start-up chain check would refuse the edited streams: beside the point here.
    logs = await readModelLogs(async () => {
      await h.start({ LOG_LEVEL: 'error', INTEGRITY_CHECK_EVENTS: '0', ...readStore.env }, dir);
      // A COE applied for now appears in a list that waits for it: the runner got past the damage.
      const at = logPosition(await h.command('later', 'SubmitApplication', f.submitApplication().data, 'assessor'));
      const list = await h.request('GET', '/coes', { role: 'reporter', headers: { 'X-Min-Position': at } });
      expect(list.status).toBe(200);
      expect((list.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['broken', 'fine', 'later', 'nul']);
      expect(list.body.items).toContainEqual(expect.objectContaining({ id: 'nul', name: 'a\\u0000b' }));
    });
  }, 60_000);
  afterAll(async () => {
    await h.stop();
    await readStore?.cleanup();
  });

  it('logs each failed event once, as an error', () => {
    const errors = logs.filter((l) => l.level === 'error').map((l) => l.message);
    const line = (projection: string, position: number, event: string) =>
      expect.stringMatching(
        new RegExp(
          `^projection ${projection} skipped the event at log position ${position} \\(${event}\\): stored event coe-broken@1 .*data is not a JSON object`,
        ),
      );
    // The event itself, for each projection of its stream and type, and the later events of its
    // stream (the designation, then the launch) for the overview and the deadlines, which fold whole streams.
    // The transparency log skips it too: an event the store cannot read is no leaf.
    expect(errors).toHaveLength(8);
    expect(errors).toEqual(
      expect.arrayContaining([
        line('coe-overview', unreadable.position, `coe-broken@1 ${unreadable.type}`),
        line('deadlines', unreadable.position, `coe-broken@1 ${unreadable.type}`),
        line('notification-outbox', unreadable.position, `coe-broken@1 ${unreadable.type}`),
        line('transparency-log', unreadable.position, `coe-broken@1 ${unreadable.type}`),
        line('coe-overview', unreadable.position + 1, 'coe-broken@2 CoeDesignated'),
        line('coe-overview', unreadable.position + 2, 'coe-broken@3 CoeLaunched'),
        line('deadlines', unreadable.position + 1, 'coe-broken@2 CoeDesignated'),
        line('deadlines', unreadable.position + 2, 'coe-broken@3 CoeLaunched'),
      ]),
    );
  });

  it('/health says degraded and lists the failed events with position, projection and error', async () => {
    const health = await h.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', readModels: { status: 'up', degraded: true, runner: 'running', lagEvents: 0, failedEvents: 8 } });
    const failed = (health.body.readModels as { failed: { projection: string; position: string; streamId: string; revision: number; error: string }[] }).failed;
    expect(failed.map((e) => [e.position, e.projection, e.streamId, e.revision])).toEqual([
      [String(unreadable.position), 'coe-overview', 'coe-broken', 1],
      [String(unreadable.position), 'deadlines', 'coe-broken', 1],
      [String(unreadable.position), 'notification-outbox', 'coe-broken', 1],
      [String(unreadable.position), 'transparency-log', 'coe-broken', 1],
      [String(unreadable.position + 1), 'coe-overview', 'coe-broken', 2],
      [String(unreadable.position + 1), 'deadlines', 'coe-broken', 2],
      [String(unreadable.position + 2), 'coe-overview', 'coe-broken', 3],
      [String(unreadable.position + 2), 'deadlines', 'coe-broken', 3],
    ]);
    for (const e of failed) expect(e.error).toMatch(/^stored event coe-broken@1 \(log position \d+\): data is not a JSON object/);
  });

  it('/metrics counts them per projection while the read models stay up', async () => {
    const metrics = await h.metrics();
    expect(metrics).toContain('apo_projection_failed_events{projection="coe-overview"} 3');
    expect(metrics).toContain('apo_projection_failed_events{projection="coe-assessments"} 0');
    expect(metrics).toContain('apo_read_models_up 1');
  });
});
