import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScript } from '@apo/coe/testing';
import { ManualClock, SCHEDULER_ACTOR } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
// Test support only: notices go through the real command pipeline, one layer up.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkflowService } from '@apo/workflow';
import { listDeadlines } from '@apo/read-queries';
import type { ReadStore } from '@apo/read-store';
import { ProjectionRunner } from '../runner/projection-runner';
import {
  coeV1Registry,
  generateExchanges,
  generatePortfolio,
  LiveProjections,
  readModelRows,
  byDay,
  exchangeScriptSteps,
  lifeScriptSteps,
  runSteps,
  type WorkflowStep,
} from '../testing';
import { testTargets } from '@apo/read-store/testing';
import { deadlinesProjection } from '@apo/shared-read-models';

const registry = createRegistry();
const COE = 'th-digital';
const EXCHANGE = BCN_LIFE_SCRIPT_ID;

/** A notice as the scheduler writes it: `NoteDeadline` on (or after) its day. */
async function notice(store: EventStore, definition: string, instanceId: string, on: string, deadline: string, dueDate: string, stage: string): Promise<void> {
  const service = new WorkflowService(store, registry, new ManualClock(`${on}T06:00:00.000Z`));
  await service.execute({ definition, instanceId, command: { type: 'NoteDeadline', data: { deadline, dueDate, stage } }, actor: SCHEDULER_ACTOR });
}

/** The rows of one instance as [key, dueDate, notices], by due date. */
async function open(readStore: ReadStore, programme: string, instanceId: string): Promise<[string, string, string[]][]> {
  const page = await listDeadlines(readStore, { today: '2020-01-01', programme, instanceId });
  return page.items.map((i) => [i.deadline, i.dueDate, i.notices]);
}

const coeSteps = lifeScriptSteps(COE, coeLifeScript);
const until = (steps: readonly WorkflowStep[], from: string, to: string) => steps.filter((s) => s.on >= from && s.on <= to);

describe.each(testTargets('deadlines projection'))('deadlines read model (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'deadlines-', projections: (store) => [deadlinesProjection({ registry, store })], batchSize: 3 });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;
  const at = async (from: string, to: string, steps: readonly WorkflowStep[] = coeSteps) => {
    await runSteps(store, until(steps, from, to), coeV1Registry());
    await runner.catchUp();
  };

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
  });
  afterAll(() => live.stop());

  it('follows a COE from designation to graduation: exactly the deadlines open at each step', async () => {
    await at('2025-01-01', '2025-04-15');
    expect(await open(readStore, 'coe', COE)).toEqual([]);
    await at('2025-04-16', '2025-04-16');
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:designation', '2026-07-01', []]]);

    // A lead notice, then the assessment (extend) meets the deadline, then the extension opens it again later.
    await notice(store, 'coe-lifecycle', COE, '2026-06-05', 'assessment:designation', '2026-07-01', 'lead-30');
    await runner.catchUp();
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:designation', '2026-07-01', ['lead-30']]]);
    await at('2025-04-17', '2026-06-10');
    expect(await open(readStore, 'coe', COE)).toEqual([]);
    await at('2026-06-11', '2026-06-12');
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:designation', '2026-10-01', []]]);

    // Delivery year 1: its assessment and the 2027 proposal (closing 31 March, within the period).
    await at('2026-06-13', '2026-10-01');
    expect(await open(readStore, 'coe', COE)).toEqual([
      ['proposal:2027', '2027-03-31', []],
      ['assessment:delivery.year1', '2027-10-01', []],
    ]);
    await at('2026-10-02', '2027-03-15');
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:delivery.year1', '2027-10-01', []]]);

    // Delivery year 2: suspended, only the assessment is owed; reinstated, the proposal is back.
    await at('2027-03-16', '2028-01-15');
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:delivery.year2', '2028-10-01', []]]);
    await at('2028-01-16', '2028-04-02');
    expect(await open(readStore, 'coe', COE)).toEqual([
      ['proposal:2028', '2028-03-31', []],
      ['assessment:delivery.year2', '2028-10-01', []],
    ]);
    await at('2028-04-03', '2028-04-10');
    expect(await open(readStore, 'coe', COE)).toEqual([['assessment:delivery.year2', '2028-10-01', []]]);

    // Replication: the 2030 proposal is never submitted, and a 'due' notice is written after its day.
    await at('2028-04-11', '2029-10-01');
    expect(await open(readStore, 'coe', COE)).toEqual([
      ['proposal:2030', '2030-03-31', []],
      ['assessment:replication', '2030-10-01', []],
    ]);
    await notice(store, 'coe-lifecycle', COE, '2030-04-02', 'proposal:2030', '2030-03-31', 'due');
    await notice(store, 'coe-lifecycle', COE, '2030-04-02', 'proposal:2030', '2030-03-31', 'overdue');
    await at('2029-10-02', '2030-09-15');
    expect(await open(readStore, 'coe', COE)).toEqual([['proposal:2030', '2030-03-31', ['due', 'overdue']]]);

    const overdue = await listDeadlines(readStore, { today: '2030-09-20', programme: 'coe', overdue: true });
    expect(overdue.items).toEqual([
      {
        programme: 'coe',
        instanceId: COE,
        streamId: `coe-${COE}`,
        deadline: 'proposal:2030',
        kind: 'proposal',
        label: 'Annual proposal for 2030',
        dueDate: '2030-03-31',
        notices: ['due', 'overdue'],
        overdue: true,
        daysLeft: -173,
      },
    ]);
    expect(overdue.position).toMatch(/^[1-9]\d*$/);

    // Graduation: nothing is owed any more.
    await at('2030-09-16', '2030-12-31');
    expect(await open(readStore, 'coe', COE)).toEqual([]);
  });

  it('an extension moves the due date and the notices start again', async () => {
    const steps: WorkflowStep[] = [
      ...lifeScriptSteps('moved', coeLifeScript.slice(0, 3)),
      // The rules want an assessment recommending the extension first (it meets the deadline for a moment).
      {
        coe: 'moved',
        on: '2026-06-07',
        role: 'assessor',
        command: { ...coeLifeScript[4].command, data: { ...coeLifeScript[4].command.data, assessmentId: 'as-moved', assessedOn: '2026-06-07' } },
      },
      {
        coe: 'moved',
        on: '2026-06-08',
        role: 'assessor',
        command: { type: 'ExtendPhase', data: { months: 2, reason: 'pilot delayed', extendedOn: '2026-06-08' } },
      },
    ];
    await at('2025-01-01', '2025-04-16', steps);
    await notice(store, 'coe-lifecycle', 'moved', '2026-06-05', 'assessment:designation', '2026-07-01', 'lead-30');
    await runner.catchUp();
    expect(await open(readStore, 'coe', 'moved')).toEqual([['assessment:designation', '2026-07-01', ['lead-30']]]);
    await at('2025-04-17', '2026-06-08', steps);
    expect(await open(readStore, 'coe', 'moved')).toEqual([['assessment:designation', '2026-09-01', []]]);
  });

  it('drops the rows of a terminated COE', async () => {
    const steps: WorkflowStep[] = [
      ...lifeScriptSteps('ended', coeLifeScript.slice(0, 3)),
      {
        coe: 'ended',
        on: '2025-09-01',
        role: 'admin',
        command: {
          type: 'TerminateCoe',
          data: {
            basis: 'governingBody',
            reason: 'host closed',
            terminatedOn: '2025-09-01',
            governingBody: { meeting: 'Governing Body Meeting', decisionDate: '2025-08-30' },
          },
        },
      },
    ];
    await at('2025-01-01', '2025-04-16', steps);
    expect(await open(readStore, 'coe', 'ended')).toEqual([['assessment:designation', '2026-07-01', []]]);
    await at('2025-04-17', '2025-12-31', steps);
    expect(await open(readStore, 'coe', 'ended')).toEqual([]);
  });

  it('follows a BCN exchange: both windows while draft, the report once implemented, the follow-up once reported', async () => {
    const steps = exchangeScriptSteps(EXCHANGE, bcnLifeScript);
    await at('2030-01-01', '2030-01-20', steps);
    expect(await open(readStore, 'bcn', EXCHANGE)).toEqual([
      ['window:2030-1', '2030-03-31', []],
      ['window:2030-2', '2030-06-30', []],
    ]);
    await at('2030-01-21', '2030-06-11', steps);
    expect(await open(readStore, 'bcn', EXCHANGE)).toEqual([]);
    await at('2030-06-12', '2030-06-12', steps);
    expect(await open(readStore, 'bcn', EXCHANGE)).toEqual([['report', '2030-07-12', []]]);
    await at('2030-06-13', '2030-07-05', steps);
    expect(await open(readStore, 'bcn', EXCHANGE)).toEqual([['follow-up', '2031-01-05', []]]);

    const soon = await listDeadlines(readStore, { today: '2030-12-20', withinDays: 30 });
    // Within 30 days includes the overdue: the extended COE never assessed; the others graduated or ended.
    expect(soon.items.map((i) => [i.programme, i.instanceId, i.deadline, i.overdue, i.daysLeft])).toEqual([
      ['coe', 'moved', 'assessment:designation', true, -1571],
      ['bcn', EXCHANGE, 'follow-up', false, 16],
    ]);
    expect((await listDeadlines(readStore, { today: '2030-12-20', withinDays: 30, overdue: false })).items.map((i) => i.instanceId)).toEqual([EXCHANGE]);
    expect((await listDeadlines(readStore, { today: '2030-12-20', programme: 'bcn', withinDays: 10 })).items).toEqual([]);

    await at('2030-07-06', '2030-09-01', steps);
    expect(await open(readStore, 'bcn', EXCHANGE)).toEqual([]);
  });

  it('refuses a bad horizon or date', async () => {
    await expect(listDeadlines(readStore, { today: '2030-13-45' })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await expect(listDeadlines(readStore, { today: '2030-01-01', withinDays: -1 })).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
  });
});

describe.each(testTargets('deadlines rebuild'))('deadlines: cache misses and rebuilds give the incremental rows (%s)', (_dialect, makeTarget) => {
  it('a fresh projection mid-stream, then a rebuild, match the rows built live', async () => {
    const target = makeTarget();
    const steps = byDay([...generatePortfolio({ count: 25, seed: 21 }), ...generateExchanges({ count: 25, seed: 22 })]);
    const half = steps.findIndex((s) => s.on > '2027-06-30');
    const live = new LiveProjections(() => target, {
      prefix: 'deadlines-rebuild-',
      projections: (s) => [deadlinesProjection({ registry, store: s })],
      batchSize: 13,
    });
    const { store, readStore } = await live.start();
    let restarted: ProjectionRunner | undefined;
    let fresh: ReadStore | undefined;
    let rebuilt: ProjectionRunner | undefined;
    try {
      await runSteps(store, steps.slice(0, half), coeV1Registry());
      await live.runner.catchUp();
      // A new instance (empty cache) carries on from the checkpoint: every stream is read back.
      await live.runner.stop();
      restarted = new ProjectionRunner({ store, readStore, projections: [deadlinesProjection({ registry, store, cacheSize: 4 })], batchSize: 5 });
      await restarted.start();
      await runSteps(store, steps.slice(half), coeV1Registry());
      await restarted.catchUp();
      const incremental = (await readModelRows(readStore)).deadlines;
      expect(incremental.length).toBeGreaterThan(5);

      fresh = await target.open('fresh');
      rebuilt = new ProjectionRunner({ store, readStore: fresh, projections: [deadlinesProjection({ registry, store })] });
      await rebuilt.start();
      await rebuilt.catchUp();
      expect((await readModelRows(fresh)).deadlines).toEqual(incremental);

      // A rebuild in place (the projection's cache then runs ahead of the events it replays).
      await restarted.rebuild();
      expect((await readModelRows(readStore)).deadlines).toEqual(incremental);
    } finally {
      await restarted?.stop();
      await rebuilt?.stop();
      await fresh?.close();
      await live.stop();
    }
  }, 120_000);
});
