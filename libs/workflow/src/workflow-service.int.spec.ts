import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyError,
  DefinitionRegistry,
  Forbidden,
  hashEvent,
  IdempotencyKeyReused,
  ManualClock,
  NotFound,
  requestHashOf,
  verifyStream,
} from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import * as f from '@apo/coe/testing';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { WorkflowService } from './workflow-service';

const admin = { id: 'admin:ana', role: 'admin' };
const registry = new DefinitionRegistry([createCoeDefinition()]);

describe('WorkflowService on the embedded store', () => {
  let dir: string;
  let store: EventStore;
  let service: WorkflowService;
  const clock = new ManualClock(f.NOW);
  const run = (instanceId: string, command: { type: string; data: Record<string, unknown> }, extra: Record<string, unknown> = {}, on = service) =>
    on.execute({ definition: COE_DEFINITION_NAME, instanceId, command, actor: admin, ...extra });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-'));
    store = await openSqliteEventStore({ dataDir: dir });
    service = new WorkflowService(store, registry, clock);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an instance and answers its revision, state and the events allowed now', async () => {
    const result = await run('c1', f.submitApplication());
    expect(result).toMatchObject({
      id: 'c1',
      streamId: 'coe-c1',
      revision: 0,
      state: 'applied',
      allowedEvents: ['ReviewStarted', 'CoeWithdrawn'],
      appended: true,
    });
    expect(Object.keys(result)).toEqual(['id', 'streamId', 'revision', 'state', 'allowedEvents', 'details', 'appended', 'events', 'position']);
    const [event] = await store.readStream('coe-c1');
    expect(event.metadata).toMatchObject({
      definition: 'coe-lifecycle',
      version: 1,
      from: 'new',
      to: 'applied',
      actor: admin,
      effectiveDate: '2025-01-10',
      recordedAt: f.NOW.toISOString(),
    });
  });

  it('refuses a role the command does not allow, appending nothing', async () => {
    await run('c1', f.submitApplication());
    await run('c1', f.startReview());
    await expect(
      service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'c1', command: f.designate(), actor: { id: 'u', role: 'assessor' } }),
    ).rejects.toBeInstanceOf(Forbidden);
    expect(await store.readStream('coe-c1')).toHaveLength(2);
  });

  it('answers NotFound for a command on an instance that does not exist', async () => {
    await expect(run('nobody', f.startReview())).rejects.toBeInstanceOf(NotFound);
    await expect(service.get(COE_DEFINITION_NAME, 'nobody')).rejects.toBeInstanceOf(NotFound);
  });

  it('rejects instance ids that would make odd stream names', async () => {
    await expect(run('../etc', f.submitApplication())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('appends nothing when a command is retried with the same command id', async () => {
    await run('c1', f.submitApplication(), { commandId: 'cmd-1' });
    const again = await run('c1', f.submitApplication(), { commandId: 'cmd-1' });
    expect(again).toMatchObject({ revision: 0, state: 'applied', appended: false, events: [] });
    // A fresh service (empty cache) also recognises the retry from the stored metadata.
    const other = new WorkflowService(store, registry, clock);
    expect(await run('c1', f.submitApplication(), { commandId: 'cmd-1' }, other)).toMatchObject({ appended: false });
    expect(await store.readStream('coe-c1')).toHaveLength(1);
  });

  it('answers a retry with the first response even after later commands', async () => {
    await run('c1', f.submitApplication(), { commandId: 'cmd-1' });
    await run('c1', f.startReview());
    expect(await run('c1', f.submitApplication(), { commandId: 'cmd-1' })).toMatchObject({ revision: 0, state: 'applied', appended: false });
  });

  it('refuses a command id reused for another request (command or data), appending nothing, also after a restart', async () => {
    await run('c1', f.submitApplication(), { commandId: 'cmd-1' });
    await run('c1', f.startReview());
    const reordered = { type: 'SubmitApplication', data: Object.fromEntries(Object.entries(f.submitApplication().data).reverse()) };
    for (const on of [service, new WorkflowService(store, registry, clock)]) {
      await expect(run('c1', f.submitApplication({ name: 'Another name' }), { commandId: 'cmd-1' }, on)).rejects.toBeInstanceOf(IdempotencyKeyReused);
      await expect(run('c1', f.designate(), { commandId: 'cmd-1' }, on)).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        details: { firstRevision: 0 },
      });
      // The same request with its keys in another order is the same request.
      expect(await run('c1', reordered, { commandId: 'cmd-1' }, on)).toMatchObject({ revision: 0, appended: false });
    }
    expect(await store.readStream('coe-c1')).toHaveLength(2);
    const [first] = await store.readStream('coe-c1');
    expect(first.metadata.requestHash).toBe(requestHashOf(f.submitApplication()));
    expect(verifyStream(registry, 'coe-c1', await store.readStream('coe-c1')).divergences).toEqual([]);
  });

  it('takes a retry of an event stored before request hashes as the same request (as it always was)', async () => {
    await run('c1', f.submitApplication(), { commandId: 'cmd-1' });
    // The store as an older version wrote it: no requestHash in the metadata, and the event's hash
    // sealed without it (else the chain check refuses the stream as edited). One event: no later prevHash to fix.
    const legacyEvent = (e: RecordedEvent) => {
      const { requestHash: _dropped, hash: _sealed, ...metadata } = e.metadata;
      return { ...e, metadata: { ...metadata, hash: hashEvent({ ...e, metadata }) } };
    };
    const withoutHashes: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: async (...args: Parameters<EventStore['readStream']>) => (await store.readStream(...args)).map(legacyEvent),
    });
    const legacy = new WorkflowService(withoutHashes, registry, clock);
    expect(await run('c1', f.submitApplication({ name: 'Another name' }), { commandId: 'cmd-1' }, legacy)).toMatchObject({ appended: false });
  });

  it('reports a stale expected revision instead of retrying', async () => {
    await run('c1', f.submitApplication());
    await run('c1', f.startReview());
    await expect(run('c1', f.designate(), { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await run('c1', f.designate(), { expectedRevision: 1 })).toMatchObject({ revision: 2, state: 'active.designation' });
  });

  it('retries a conflict between two writers and keeps the chain intact', async () => {
    const a = new WorkflowService(store, registry, clock);
    const b = new WorkflowService(store, registry, clock);
    for (const c of f.history.designation()) await run('c1', c, {}, a);
    await b.get(COE_DEFINITION_NAME, 'c1'); // both caches now hold revision 2
    const results = await Promise.all([
      run('c1', f.recordActivity('2025-10-01'), {}, a),
      run('c1', f.recordActivity('2025-10-02'), {}, b),
      run('c1', f.recordPublication('2025-10-03'), {}, a),
    ]);
    expect(results.map((r) => r.revision).sort()).toEqual([3, 4, 5]);
    const events = await store.readStream('coe-c1');
    expect(verifyStream(registry, 'coe-c1', events).divergences).toEqual([]);
  });

  it('sees appends made by another service (cache plus tail)', async () => {
    const a = new WorkflowService(store, registry, clock);
    await run('c1', f.submitApplication(), {}, a);
    expect((await service.get(COE_DEFINITION_NAME, 'c1')).state).toBe('applied');
    await run('c1', f.startReview(), {}, a);
    expect((await service.get(COE_DEFINITION_NAME, 'c1')).revision).toBe(1);
  });

  it("takes the SQLite store's admission: a few commands start per turn, the rest wait, so one batch is synced while the next is decided; answers unchanged", async () => {
    const answers = async (writersPerTurn: number, prefix: string) => {
      const paced = await openSqliteEventStore({ dataDir: join(dir, prefix), writersPerTurn });
      try {
        const on = new WorkflowService(paced, registry, clock);
        const results = await Promise.all(Array.from({ length: 40 }, (_, i) => run(`${prefix}${i}`, f.submitApplication(), {}, on)));
        return { results, transactions: paced.stats.transactions };
      } finally {
        await paced.close();
      }
    };
    const capped = await answers(16, 't');
    // 40 commands started in one turn: 16, then 16, then 8, each cohort its own batch.
    expect(capped.transactions).toBe(3);
    const uncapped = await answers(Infinity, 'u');
    expect(uncapped.transactions).toBe(1);
    const view = ({ revision, state, allowedEvents, details, appended, events }: (typeof capped.results)[number]) => ({
      revision,
      state,
      allowedEvents,
      details,
      appended,
      events: events.map((e) => [e.type, e.data, e.metadata.from, e.metadata.to]),
    });
    expect(capped.results.map(view)).toEqual(uncapped.results.map(view));
    expect(capped.results.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => `t${i}`));
    // A cap below one still lets one command start per turn.
    expect((await answers(0, 'z')).results.every((r) => r.appended)).toBe(true);
  });

  it('decides on a checked load when its cached state turns out stale (other writer moved the stream)', async () => {
    const a = new WorkflowService(store, registry, clock);
    const b = new WorkflowService(store, registry, clock);
    for (const c of f.history.designation()) await run('c1', c, {}, b); // b caches revision 2
    await run('c1', f.suspend('2025-09-01'), {}, a);
    // Stale If-Match from b's point of view, right from the log's.
    expect(await run('c1', f.reinstate('2025-09-15'), { expectedRevision: 3 }, b)).toMatchObject({ revision: 4, state: 'active.designation' });
    await run('c1', f.suspend('2025-10-01'), {}, a);
    // Refused on b's cached (active) state? No: decided again on the log's (suspended) state.
    await expect(run('c1', f.suspend('2025-10-02'), {}, b)).rejects.toMatchObject({ code: expect.any(String) });
    expect((await run('c1', f.reinstate('2025-10-15'), {}, b)).revision).toBe(6);
    // A command a retried through b after a wrote it: answered, not appended twice.
    await run('c1', f.recordActivity('2025-10-20'), { commandId: 'x' }, a);
    expect(await run('c1', f.recordActivity('2025-10-20'), { commandId: 'x' }, b)).toMatchObject({ appended: false, revision: 7 });
    expect(verifyStream(registry, 'coe-c1', await store.readStream('coe-c1')).divergences).toEqual([]);
  });
});

describe('WorkflowService: a stream written with an older version, a newer one registered', () => {
  let dir: string;
  let store: EventStore;
  const clock = new ManualClock(f.NOW);
  // Version 1 as released, except that only admins record activities (version 2 lets assessors too).
  const v1 = createCoeDefinition();
  const strictV1 = { ...v1, commands: { ...v1.commands, RecordActivity: { ...v1.commands.RecordActivity, roles: ['admin'] } } };
  const both = new DefinitionRegistry([strictV1, createCoeDefinitionV2()]);
  const assessor = { id: 'assessor:bo', role: 'assessor' };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-versions-'));
    store = await openSqliteEventStore({ dataDir: dir });
    const before = new WorkflowService(store, new DefinitionRegistry([strictV1]), clock);
    for (const command of f.history.designation()) await before.execute({ definition: COE_DEFINITION_NAME, instanceId: 'old', command, actor: admin });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("decides with the stream's version: its roles, its commands; new streams take the latest", async () => {
    const service = new WorkflowService(store, both, clock);
    await expect(
      service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'old', command: f.recordActivity('2025-10-01'), actor: assessor }),
    ).rejects.toBeInstanceOf(Forbidden);
    const byAdmin = await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'old', command: f.recordActivity('2025-10-01'), actor: admin });
    expect(byAdmin.events[0].metadata).toMatchObject({ version: 1 });
    const launch = service.execute({
      definition: COE_DEFINITION_NAME,
      instanceId: 'old',
      command: { type: 'LaunchCoe', data: { launchedOn: '2025-07-01' } },
      actor: admin,
    });
    await expect(launch).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'type', message: expect.stringMatching(/^unknown command LaunchCoe for coe-lifecycle version 1; known: /) }],
    });
    const { view, state } = await service.inspect(COE_DEFINITION_NAME, 'old');
    expect([view.revision, state.definition.version]).toEqual([3, 1]);
    const fresh = await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'new', command: f.submitApplication(), actor: assessor });
    expect(fresh.events[0].metadata).toMatchObject({ version: 2 });
  });
});
