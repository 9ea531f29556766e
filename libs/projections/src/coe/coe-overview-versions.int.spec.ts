import fc from 'fast-check';
import { fold, isOverdueOn, type Deadline, type EnvelopedEvent } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { listCoeOverview, type CoeOverviewItem, listDeadlines } from '@apo/read-queries';
import { readModelProjections } from '../read-model-catalogue';
import {
  generatePortfolio,
  coeV1Registry,
  coeV1V2Registry,
  COE_V1_V2_REGISTRY,
  coeV2HistorySteps,
  coeV2LifeArbitrary,
  coeV2PortfolioSteps,
  runAccepted,
  LiveProjections,
  readModelRows,
  runSteps,
} from '../testing';
import { testTargets } from '@apo/read-store/testing';

const registry = coeV1V2Registry();
const TODAY = '2026-02-01';
/** Days the two answers to "overdue" are compared on: across the version 1 portfolio's life and around the sittings. */
const DAYS = ['2015-06-30', '2023-03-01', '2025-11-17', '2026-01-20', '2026-07-02', '2027-04-01', '2028-10-02', '2030-07-02', '2032-01-01'];

const earliest = (deadlines: readonly Deadline[]) =>
  deadlines.reduce<Deadline | undefined>((first, d) => (first === undefined || d.dueDate < first.dueDate ? d : first), undefined);
type Described = Record<string, unknown> & {
  hostInstitution?: { name: string; type: string } | null;
  lastAssessment?: Record<string, unknown> | null;
  lastStatusAssessment?: Record<string, unknown> | null;
  designation?: { meeting: string; decisionDate: string } | null;
};

/**
 * What the overview must list for a stream, from the stream alone: its definition's describe()
 * of the folded state and the earliest deadline the definition holds open. Version 1 describes
 * less: its host and Governing Body decisions are read from its events here.
 */
function expectedItem(events: readonly RecordedEvent[], today: string): Partial<CoeOverviewItem> {
  const meta = events[0].metadata as { definition: string; version: number };
  const definition = registry.get(meta.definition, meta.version);
  const folded = fold(definition, events as unknown as EnvelopedEvent[]);
  const d = definition.describe?.(folded.state, folded.context) as unknown as Described;
  const open = definition.deadlines?.open(folded.state, folded.context) ?? [];
  const next = earliest(open);
  const v1 = definition.version === 1;
  const application = events[0].data as { nominatingNpo: string; hostInstitution: { name: string; type: string } };
  const decisions = v1
    ? events.flatMap((e) => {
        const gb = (e.data as { governingBody?: { meeting: string; decisionDate: string } }).governingBody;
        return gb ? [{ decision: e.type === 'CoeDesignated' ? 'designationDecision' : 'termination', ...gb }] : [];
      })
    : d.governingBodyDecisions;
  const host = v1 ? application.hostInstitution : d.hostInstitution;
  const designation = v1 ? (decisions as { meeting: string; decisionDate: string }[])[0] : d.designation;
  return {
    name: d.name as string,
    memberEconomy: d.memberEconomy as string,
    focusArea: d.focusArea as string,
    nominatingNpo: v1 ? application.nominatingNpo : (d.nominatingNpo as string | null),
    hostInstitution: host?.name ?? null,
    hostType: host?.type ?? null,
    designationMeeting: designation?.meeting ?? null,
    designationDecisionDate: designation?.decisionDate ?? null,
    plannedLaunchDate: v1 ? null : (d.plannedLaunchDate as string | null),
    state: folded.state,
    phase: d.phase as string,
    stage: v1 ? null : (d.stage as string | null),
    period: d.period as string | null,
    phaseStart: d.periodStart as string | null,
    periodDueDate: v1 ? (d.dueDate as string | null) : (d.periodDueDate as string | null),
    dueDate: d.dueDate as string | null,
    nextDueDate: next?.dueDate ?? null,
    nextDueKind: next?.kind ?? null,
    nextDueLabel: next?.label ?? null,
    openDeadlines: open.length,
    overdue: isOverdueOn(definition, folded.state, folded.context, today),
    suspended: d.suspended as boolean,
    historical: v1 ? false : (d.historical as boolean),
    lastAssessmentId: (d.lastAssessment?.assessmentId as string | undefined) ?? null,
    lastAssessmentOverall: (d.lastAssessment?.overall as number | undefined) ?? null,
    lastStatusAssessmentStage: v1 ? null : ((d.lastStatusAssessment?.recommendedStage as string | undefined) ?? null),
    activities: (d.records as Record<string, number>).activities,
    publications: (d.records as Record<string, number>).publications,
    replications: (d.records as Record<string, number>).replications,
    governingBodyDecisions: decisions as CoeOverviewItem['governingBodyDecisions'],
    definitionVersion: definition.version,
    revision: folded.revision,
  };
}

describe.each(testTargets('coe overview of both versions'))('the COE overview of version 1 and version 2 streams (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, {
    prefix: 'coe-overview-versions-',
    projections: (store) => readModelProjections({ registry, store, foldWorker: COE_V1_V2_REGISTRY }),
    batchSize: 13,
    // A rebuild of this small log folds in memory, in several batches and writes.
    rebuildBatchSize: 100,
    rebuildWriteEvents: 400,
  });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  const listed = async (id: string, today = TODAY) => (await listCoeOverview(readStore, { coeId: id, today })).items[0];
  const expected = async (id: string, today = TODAY) => expectedItem(await store.readStream(`coe-${id}`), today);

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    // Version 1 COEs written before version 2 existed, then the real portfolio entered into version 2.
    await runSteps(store, generatePortfolio({ count: 30, seed: 11, idPrefix: 'v1' }), coeV1Registry());
    await runSteps(store, coeV2PortfolioSteps(), registry);
    await runner.catchUp();
  }, 120_000);
  afterAll(() => live.stop());

  it('lists every COE of both portfolios as its definition describes its folded stream, with its earliest open deadline', async () => {
    const page = await listCoeOverview(readStore, { today: TODAY, limit: 1000 });
    expect(page.items.filter((i) => i.definitionVersion === 2).map((i) => i.id)).toEqual([
      'jp-pilot',
      'my-digital',
      'my-lean-health',
      'ph-agri',
      'sg-business-excellence',
      'th-food-safety',
      'vn-green',
    ]);
    expect(page.total).toBe(37);
    for (const item of page.items) expect(item).toMatchObject(await expected(item.id));
  });

  it('shows the real portfolio as the Secretariat knows it: host, Governing Body, status, network stage, dates as given', async () => {
    expect(await listed('vn-green', '2026-01-19')).toMatchObject({
      state: 'active.designation',
      launchDate: '2026-01-20',
      plannedLaunchDate: '2026-01-15',
      designationMeeting: '66th Governing Body Meeting',
      designationDecisionDate: '2025-06-12',
    });
    expect(await listed('jp-pilot')).toMatchObject({
      phase: 'retired',
      hostInstitution: 'Japan Productivity Center',
      hostType: 'npo',
      appliedOn: '2008-10',
      launchDate: '2009-07',
      designationDecisionDate: '2009-04',
      governingBodyDecisions: [
        { decision: 'designationDecision', meeting: '50th Governing Body Meeting', decisionDate: '2009-04' },
        { decision: 'extension', meeting: '54th Governing Body Meeting', decisionDate: '2012-06' },
        { decision: 'nextStageDecision', meeting: '61st Governing Body Meeting', decisionDate: '2021-04' },
      ],
    });
    expect(await listed('th-food-safety')).toMatchObject({
      hostInstitution: 'National Food Institute',
      hostType: 'other',
      nominatingNpo: 'Foundation for Thailand Productivity Institute',
    });
    expect(await listed('sg-business-excellence')).toMatchObject({
      phase: 'network',
      stage: 'continuedSupport',
      status: 'in the COE network (continued support)',
      lastStatusAssessmentDate: '2023-12-04',
    });
    expect(await listed('ph-agri')).toMatchObject({
      phase: 'terminated',
      appliedOn: '2014',
      designationDecisionDate: '2015-02',
      launchDate: '2015-04',
      nextDueDate: null,
      overdue: false,
    });
  });

  it('random version 2 histories (property): the row is what describe() says of the folded stream, after every history', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(coeV2LifeArbitrary, async (life) => {
        const id = `random-${n++}`;
        await runAccepted(store, coeV2HistorySteps(id, life), registry);
        await runner.catchUp();
        for (const today of ['2026-01-01', '2031-01-15']) expect(await listed(id, today)).toMatchObject(await expected(id, today));
      }),
      { numRuns: 25, seed: 20_261_206 },
    );
  }, 300_000);

  it('overdue has one answer: /coes and /deadlines name the same COEs on every day asked', async () => {
    for (const today of DAYS) {
      const coes = await listCoeOverview(readStore, { today, overdue: true, limit: 10_000 });
      const deadlines = await listDeadlines(readStore, { today, programme: 'coe', overdue: true, limit: 10_000 });
      const owing = [...new Set(deadlines.items.map((d) => d.instanceId))].sort();
      expect([today, coes.items.map((i) => i.id)]).toEqual([today, owing]);
      const all = await listCoeOverview(readStore, { today, limit: 10_000 });
      const notOverdue = await listCoeOverview(readStore, { today, overdue: false, limit: 10_000 });
      expect(notOverdue.total + coes.total).toBe(all.total);
    }
    // The days cover both answers for both versions.
    const overdueSomeday = await Promise.all(DAYS.map((today) => listCoeOverview(readStore, { today, overdue: true, limit: 10_000 })));
    const versions = new Set(overdueSomeday.flatMap((p) => p.items.map((i) => i.definitionVersion)));
    expect([...versions].sort()).toEqual([1, 2]);
  });

  it('a from-zero rebuild in memory, folded in the worker threads or on this thread, equals the rows built live', async () => {
    const rows = await readModelRows(readStore);
    const warn = jest.spyOn(process, 'emitWarning');
    try {
      await runner.rebuild();
      expect(await readModelRows(readStore)).toEqual(rows);
      // The folds ran in their workers: no fallback to this thread was needed.
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    const target = makeTarget();
    const fresh = await target.open('in-thread');
    const inThread = new ProjectionRunner({
      store,
      readStore: fresh,
      projections: readModelProjections({ registry, store, foldWorker: false }),
      rebuildBatchSize: 100,
      rebuildWriteEvents: 400,
    });
    try {
      await inThread.start();
      await inThread.catchUp();
      expect(await readModelRows(fresh)).toEqual(rows);
    } finally {
      await inThread.stop();
      await fresh.close();
      await target.cleanup();
    }
  }, 120_000);
});
