import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as f from '@apo/coe/testing';
import { openEsdbEventStore } from '@apo/event-store/esdb';
import { startEsdbWireServer, type EsdbWireServer } from '@apo/event-store/testing';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { readModelNames, readModelProjections } from '@apo/projections';
import { ProjectionSupervisor } from '@apo/runtime';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';
import { ReadModels } from './read-models';

type Projections = { projections: { name: string; position: string; headPosition: string; lagEvents: number; secondsBehind: number; state: string }[] };
const logPosition = (r: HttpAnswer) => r.headers.get('x-log-position') as string;

describe('read models in a worker thread (the default)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start(), 30_000);
  afterAll(() => h.stop());

  it('a list sent with the X-Log-Position of the last command as X-Min-Position reflects every command', async () => {
    let last: HttpAnswer | undefined;
    for (const c of f.history.designation()) last = await h.command('ryw-1', c.type, c.data);
    const list = await h.request('GET', '/coes?memberEconomy=MY', { role: 'auditor', headers: { 'X-Min-Position': logPosition(last as HttpAnswer) } });
    // Version 2: the designation and the launch are two events (revision 3).
    expect(list.body.items).toEqual([expect.objectContaining({ id: 'ryw-1', state: 'active.designation', revision: 3, dueDate: '2026-07-01' })]);
    expect(list.body.position).toBe(logPosition(last as HttpAnswer));
  });

  it('a retried command answers the first run’s position; minPosition works as a query parameter too', async () => {
    const headers = { 'Idempotency-Key': 'ryw-2-apply' };
    const first = await h.command('ryw-2', 'SubmitApplication', f.submitApplication().data, 'assessor', headers);
    await h.command('ryw-1', 'RecordActivity', f.recordActivity('2025-10-01').data, 'assessor');
    const retry = await h.command('ryw-2', 'SubmitApplication', f.submitApplication().data, 'assessor', headers);
    expect(logPosition(retry)).toBe(logPosition(first));
    const list = await h.request('GET', `/coes?phase=applied&minPosition=${logPosition(first)}`, { role: 'reporter' });
    expect((list.body.items as { id: string }[]).map((i) => i.id)).toContain('ryw-2');
  });

  it('refuses a position past the end of the log, or not a position', async () => {
    const beyond = await h.request('GET', '/coes', { role: 'reporter', headers: { 'X-Min-Position': '999999999' } });
    expect(beyond.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: [{ field: 'X-Min-Position' }] });
    const junk = await h.request('GET', '/coes?minPosition=soon', { role: 'reporter' });
    expect(junk.body).toMatchObject({ status: 400, fields: [{ field: 'minPosition' }] });
  });

  it('/health and /metrics show every projection caught up: position = head, no lag', async () => {
    const at = logPosition(await h.command('ryw-3', 'SubmitApplication', f.submitApplication().data, 'assessor'));
    await h.request('GET', '/coes', { role: 'reporter', headers: { 'X-Min-Position': at } });
    const health = await h.request('GET', '/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      readModels: { status: 'up', degraded: false, mode: 'worker', runner: 'running', position: at, headPosition: at, lagEvents: 0, secondsBehind: 0 },
    });
    const { projections } = health.body.readModels as Projections;
    expect(projections.map((p) => [p.name, p.position, p.lagEvents, p.secondsBehind, p.state])).toEqual(
      readModelNames().map((name) => [name, at, 0, 0, 'current']),
    );
    const metrics = await h.metrics();
    expect(metrics).toContain('apo_projection_lag_events{projection="coe-overview"} 0');
    expect(metrics).toContain('apo_projection_lag_seconds{projection="coe-activity"} 0');
    expect(metrics).toContain(`apo_projection_position{projection="coe-phase-history"} ${at}`);
    expect(metrics).toContain(`apo_projection_head_position ${at}`);
    expect(metrics).toContain('apo_projection_runner_state{state="running"} 1');
    expect(metrics).toContain('apo_read_models_up 1');
  });
});

describe('shutdown', () => {
  it('stops the runner in its worker (releasing its lease) before the stores close', async () => {
    const h = await new ApiHarness().start();
    const readModels = h.api.app.get(ReadModels);
    try {
      while (readModels.runnerState !== 'running') await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await h.stop();
    }
    expect(readModels.runnerState).toBe('stopped');
  });
});

describe('PROJECTOR=external (EventStoreDB; apps/projector keeps the read models)', () => {
  const h = new ApiHarness();
  let server: EsdbWireServer;
  let dir: string;
  beforeAll(async () => {
    server = await startEsdbWireServer();
    dir = mkdtempSync(join(tmpdir(), 'api-external-'));
    const env = { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, PROJECTOR: 'external', READ_MODEL_WAIT_MS: '300' };
    await h.start({ ...env, READ_DATABASE_URL: `sqlite:${join(dir, 'read.sqlite')}` });
  }, 30_000);
  afterAll(async () => {
    await h.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only: lag shows until a projector runs, then X-Min-Position is met', async () => {
    const at = logPosition(await h.command('ext-1', 'SubmitApplication', f.submitApplication().data, 'assessor'));
    const behind = await h.request('GET', '/coes', { role: 'reporter', headers: { 'X-Min-Position': at } });
    expect(behind).toMatchObject({ status: 503, body: { code: 'READ_MODEL_BEHIND', minPosition: at, position: '0' } });
    expect(behind.headers.get('retry-after')).toBe('1');
    const health = await h.request('GET', '/health');
    expect(health.body).toMatchObject({
      status: 'ok',
      eventStore: { kind: 'eventstoredb' },
      readModels: { mode: 'external', status: 'catching-up', degraded: false, lagEvents: 1 },
    });
    expect(health.body.readModels).not.toHaveProperty('runner');
    const metrics = await h.metrics();
    expect(metrics).toContain('apo_projection_lag_events{projection="coe-overview"} 1');
    expect(metrics).not.toContain('apo_projection_runner_state');

    // What apps/projector does, in this process for brevity.
    const store = await openEsdbEventStore(server.connectionString);
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    const projector = new ProjectionSupervisor({
      store,
      readStore,
      projections: readModelProjections({ registry: createRegistry(), store }),
      logger: new Logger('test-projector'),
    });
    projector.start();
    try {
      const list = await h.request('GET', '/coes', { role: 'reporter', headers: { 'X-Min-Position': at } });
      expect(list.body.items).toEqual([expect.objectContaining({ id: 'ext-1', phase: 'applied' })]);
      expect((await h.request('GET', '/health')).body).toMatchObject({ readModels: { status: 'up', lagEvents: 0 } });
    } finally {
      await projector.stop();
      await readStore.close();
      await store.close();
    }
  });

  it('is refused with the embedded store, which only one process may open', async () => {
    await expect(new ApiHarness().start({ PROJECTOR: 'external' })).rejects.toThrow(/PROJECTOR: external needs EVENT_STORE=eventstoredb/);
  });
});
