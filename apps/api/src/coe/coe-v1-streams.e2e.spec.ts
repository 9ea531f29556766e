import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBcnDefinition } from '@apo/bcn';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import { DefinitionRegistry, ManualClock } from '@apo/engine';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { WorkflowService } from '@apo/workflow';
import { ApiHarness } from '../testing/api-harness';

/**
 * A data directory written before version 2 was registered: the registry then held version 1
 * only, so its COEs were created on version 1: both in designation, one with an assessment
 * recommending an extension, the other not yet assessed.
 */
async function storeWrittenBeforeVersion2(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'api-v1-store-'));
  const store = await openSqliteEventStore({ dataDir: dir });
  const service = new WorkflowService(store, new DefinitionRegistry([createCoeDefinition(), createBcnDefinition()]), new ManualClock('2026-06-05T09:00:00Z'));
  try {
    const actor = { id: 'admin:before', role: 'admin' };
    for (const command of [...f.history.designation(), f.assess('extend', '2026-06-01', 'as-extend')])
      await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'legacy-1', command, actor });
    for (const command of f.history.designation()) await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'legacy-2', command, actor });
  } finally {
    await store.close();
  }
  return dir;
}

describe('a COE recorded on definition version 1, served after the switch to version 2 (real server on the old data directory)', () => {
  const h = new ApiHarness();
  beforeAll(async () => {
    await h.start({}, await storeWrittenBeforeVersion2());
  }, 30_000);
  afterAll(() => h.stop());

  const get = (path: string) => h.request('GET', path, { role: 'auditor' });

  it('GET /coes/:id: described by version 1, overdue by its own deadlines', async () => {
    const view = await get('/coes/legacy-1');
    // Version 1 holds no deadline open once the period is assessed (version 2 owes the step the
    // assessment recommends): past its due date, it is not overdue by the one rule (isOverdueOn).
    expect(view.body).toMatchObject({
      id: 'legacy-1',
      revision: 3,
      definitionVersion: 1,
      state: 'active.designation',
      phase: 'designation',
      period: 'designation',
      dueDate: '2026-07-01',
      overdue: false,
    });
    expect((await get('/coes/legacy-1/state')).body).toMatchObject({ version: 1, overdue: false });
    // Not yet assessed: its assessment is overdue since 2026-07-01.
    expect((await get('/coes/legacy-2')).body).toMatchObject({ definitionVersion: 1, dueDate: '2026-07-01', overdue: true });
    // What version 1 keeps only in its events is shown too (the read models' version 1 extras).
    expect(view.body).toMatchObject({ status: 'in designation' });
  });

  it('history: version 1 events, as recorded, verified', async () => {
    const history = await get('/coes/legacy-1/history');
    expect(history.body).toMatchObject({ definition: 'coe-lifecycle', version: 1, verification: { ok: true, divergences: [] } });
    expect(
      (history.body.events as { type: string; metadata: { to: string; effectiveDate: string } }[]).map((e) => [
        e.type,
        e.metadata.to,
        e.metadata.effectiveDate,
      ]),
    ).toEqual([
      ['ApplicationSubmitted', 'applied', '2025-01-10'],
      ['ReviewStarted', 'underReview', '2025-02-01'],
      ['CoeDesignated', 'active.designation', '2025-07-01'],
      ['AssessmentRecorded', 'active.designation', '2026-06-01'],
    ]);
  });

  it('takes a further version 1 command: an extension by months; refuses the version 2 shape naming the version 1 fields', async () => {
    const v2Shape = await h.command(
      'legacy-1',
      'ExtendPhase',
      { decidedBy: 'secretariat', decidedOn: '2026-06-10', until: '2026-10-01', reason: 'pilot delayed' },
      'assessor',
    );
    expect(v2Shape.status).toBe(400);
    expect((v2Shape.body.fields as { field: string }[]).map((x) => x.field).sort()).toEqual(['extendedOn', 'months']);
    const extended = await h.command('legacy-1', 'ExtendPhase', f.extend(3, '2026-06-10').data, 'assessor');
    expect(extended.body).toMatchObject({ revision: 4, state: 'active.designation' });
    expect((await get('/coes/legacy-1')).body).toMatchObject({ definitionVersion: 1, dueDate: '2026-10-01' });
    const event = ((await get('/coes/legacy-1/history')).body.events as { type: string; metadata: { version: number } }[]).at(-1);
    expect(event).toMatchObject({ type: 'PhaseExtended', metadata: { version: 1 } });
  });

  it("refuses version 2's commands and partial dates, naming its version", async () => {
    const launch = await h.command('legacy-1', 'LaunchCoe', { launchedOn: '2025-07-01' }, 'assessor');
    expect(launch.body).toMatchObject({
      status: 400,
      fields: [{ field: 'type', message: expect.stringContaining('unknown command LaunchCoe for coe-lifecycle version 1') }],
    });
    const partial = await h.command('legacy-1', 'RecordActivity', f.recordActivity('2025-10').data, 'assessor');
    expect(partial.body).toMatchObject({ status: 400, fields: [{ field: 'date', message: 'must be a calendar date YYYY-MM-DD' }] });
  });

  it('verify: the version 1 stream and a new version 2 COE beside it replay clean, each on its own version', async () => {
    for (const c of f.history.designation()) expect((await h.command('new-1', c.type, c.data)).status).toBeLessThan(300);
    expect((await get('/coes/new-1')).body).toMatchObject({ definitionVersion: 2, state: 'active.designation', status: 'in designation' });
    expect((await get('/coes/legacy-1/verify')).body).toMatchObject({ ok: true, events: 5, divergences: [] });
    expect((await get('/audit/verify')).body).toMatchObject({ ok: true, streams: 3, events: 12, divergenceCount: 0 });
    expect((await get('/coes/legacy-1/state?asOf=2026-06-15')).body).toMatchObject({
      definition: 'coe-lifecycle',
      version: 1,
      state: 'active.designation',
      details: { dueDate: '2026-10-01' },
    });
  });
});
