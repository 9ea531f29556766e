import type { Command } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import { listActivityCounts, listActivityParticipants, listAssessments, listPhaseHistory, toCsv } from '@apo/read-queries';
import { coeV1V2Registry, COE_V1_V2_REGISTRY, coeV2PortfolioSteps, LiveProjections, readModelRows, runSteps, type PortfolioStep } from '../testing';
import { testTargets } from '@apo/read-store/testing';
import { coeProjections } from '@apo/coe-read-models';

const registry = coeV1V2Registry();
const c = (type: string, data: Record<string, unknown>): Command => ({ type, data });
const SCORES = { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 };
/** One COE entered as it happens, each command on its own day. */
const live = (coe: string, steps: [string, Command][]): PortfolioStep[] => steps.map(([on, command]) => ({ coe, on, role: 'admin', command }));
const fix = (corrects: Record<string, unknown>, changes: Record<string, unknown>) =>
  c('CorrectRecord', { corrects, changes, reason: 'typed from the wrong file' });

/** Designated in March, launched three days late, then its launch, an activity's date, an assessment's overall and an advance corrected. */
const corrected = live('fix-me', [
  [
    '2021-09-01',
    c('SubmitApplication', {
      name: 'COE on Lean Logistics',
      memberEconomy: 'TH',
      nominatingNpo: 'Thailand Productivity Institute',
      hostInstitution: { name: 'Logistics Institute', type: 'other' },
      focusArea: 'logistics',
      appliedOn: '2021-09-01',
    }),
  ],
  ['2021-11-02', c('StartReview', { startedOn: '2021-11-02' })],
  ['2022-03-10', c('DesignateCoe', { governingBody: { meeting: '62nd Governing Body Meeting', decisionDate: '2022-03-10' }, launchDate: '2022-07-01' })],
  ['2022-07-04', c('LaunchCoe', { launchedOn: '2022-07-04' })],
  [
    '2022-09-01',
    c('RecordActivity', {
      activityId: 'act-1',
      kind: 'training',
      title: 'Cross-docking',
      date: '2022-09-01',
      participants: [{ economy: 'TH', count: 4 }],
      outputs: [],
    }),
  ],
  ['2022-10-01', fix({ fact: 'launch' }, { date: '2022-07-01' })],
  ['2023-06-20', c('RecordAssessment', { assessmentId: 'a-d', assessedOn: '2023-06-20', scores: SCORES, recommendation: 'advance' })],
  ['2023-07-04', c('AdvanceCoe', { advancedOn: '2023-07-04' })],
  ['2023-08-01', fix({ activityId: 'act-1' }, { date: '2023-02' })],
  ['2023-08-02', fix({ assessmentId: 'a-d' }, { overall: 3.5 })],
  ['2023-08-03', fix({ fact: 'advance', period: 'designation' }, { date: '2023-07-03' })],
]);

type Row = Record<string, unknown>;
const history = async (readStore: ReadStore, coeId: string) =>
  (await listPhaseHistory(readStore, { coeId })).items.map(
    ({ period, startedOn, scheduledStart, dueDate, endedOn, durationDays, outcome, onSchedule }): Row => ({
      period,
      startedOn,
      scheduledStart,
      dueDate,
      endedOn,
      durationDays,
      outcome,
      onSchedule,
    }),
  );
const ended = (
  period: string,
  startedOn: string,
  scheduledStart: string,
  dueDate: string | null,
  endedOn: string,
  outcome: string,
  onSchedule: boolean | null,
  durationDays: number | null = null,
): Row => ({
  period,
  startedOn,
  scheduledStart,
  dueDate,
  endedOn,
  durationDays,
  outcome,
  onSchedule,
});

describe.each(testTargets('coe read models v2'))('COE read models of version 2 streams (%s)', (_dialect, makeTarget) => {
  const projections = new LiveProjections(makeTarget, {
    prefix: 'coe-read-models-v2-',
    projections: (store) => coeProjections({ registry, store, foldWorker: COE_V1_V2_REGISTRY }),
    batchSize: 7,
    rebuildBatchSize: 40,
    rebuildWriteEvents: 100,
  });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    ({ store, readStore, runner } = await projections.start());
    await runSteps(store, coeV2PortfolioSteps(), registry);
    await runSteps(store, corrected.slice(0, 5), registry);
    await runner.catchUp();
  }, 60_000);
  afterAll(() => projections.stop());

  it('phase history of the pilot: designated, the 1-3-1 cycle with its two-year extension, the network stages, retired; dates as given', async () => {
    expect(await history(readStore, 'jp-pilot')).toEqual([
      ended('designated', '2009-04', '2009-04', '2009-07', '2009-07', 'launched', true),
      ended('designation', '2009-07', '2009-07', '2010-07', '2010-07', 'advanced', true),
      ended('delivery.year1', '2010-07', '2010-07', '2011-07', '2011-07', 'advanced', true),
      ended('delivery.year2', '2011-07', '2011-07', '2014-07', '2014-07', 'advanced', true),
      ended('delivery.year3', '2014-07', '2014-07', '2015-07', '2015-07', 'advanced', true),
      ended('replication', '2015-07', '2015-07', '2016-07', '2016-07', 'cycleCompleted', true),
      ended('network.continuedSupport', '2016-07', '2016-07', null, '2021-04', 'stageChanged', null),
      ended('network.member', '2021-04', '2021-04', null, '2023-04', 'retired', null),
    ]);
    const csv = toCsv((await listPhaseHistory(readStore, { coeId: 'jp-pilot', phase: 'network' })).items);
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'coeId,period,phase,startedOn,scheduledStart,dueDate,endedOn,durationDays,outcome,onSchedule,position',
      expect.stringMatching(/^jp-pilot,network\.continuedSupport,network,2016-07,2016-07,,2021-04,,stageChanged,,\d+$/),
    ]);
  });

  it('phase history of a COE designated months before its launch: the designated row is due by the planned launch', async () => {
    expect(await history(readStore, 'vn-green')).toEqual([
      ended('designated', '2025-06-12', '2025-06-12', '2026-01-15', '2026-01-20', 'launched', false, 222),
      {
        period: 'designation',
        startedOn: '2026-01-20',
        scheduledStart: '2026-01-20',
        dueDate: '2027-01-20',
        endedOn: null,
        durationDays: null,
        outcome: 'open',
        onSchedule: null,
      },
    ]);
    expect((await listPhaseHistory(readStore, { outcome: 'open', phase: 'network' })).items.map((r) => [r.coeId, r.period])).toEqual([
      ['my-lean-health', 'network.continuedSupport'],
      ['sg-business-excellence', 'network.continuedSupport'],
    ]);
  });

  it('status assessments in the network are assessments of kind status', async () => {
    const status = await listAssessments(readStore, { coeId: 'sg-business-excellence', kind: 'status' });
    expect(status.items.map((a) => [a.assessmentId, a.period, a.assessedOn, a.recommendation, a.overall])).toEqual([
      ['be-s1', 'network', '2021-08-20', 'continuedSupport', 4],
      ['be-s2', 'network', '2023-12-04', 'continuedSupport', 4],
    ]);
    expect((await listAssessments(readStore, { coeId: 'sg-business-excellence', kind: 'period' })).total).toBe(6);
  });

  it('corrections rewrite the rows of what they correct, and the feed gives those rows again', async () => {
    expect(await history(readStore, 'fix-me')).toEqual([
      ended('designated', '2022-03-10', '2022-03-10', '2022-07-01', '2022-07-04', 'launched', false, 116),
      {
        period: 'designation',
        startedOn: '2022-07-04',
        scheduledStart: '2022-07-04',
        dueDate: '2023-07-04',
        endedOn: null,
        durationDays: null,
        outcome: 'open',
        onSchedule: null,
      },
    ]);
    expect((await listActivityCounts(readStore, { coeId: 'fix-me' })).items.map((r) => [r.year, r.kind, r.count])).toEqual([[2022, 'training', 1]]);
    const { position } = await listAssessments(readStore);

    await runSteps(store, corrected.slice(5), registry);
    await runner.catchUp();
    expect(await history(readStore, 'fix-me')).toEqual([
      ended('designated', '2022-03-10', '2022-03-10', '2022-07-01', '2022-07-01', 'launched', true, 113),
      ended('designation', '2022-07-01', '2022-07-01', '2023-07-01', '2023-07-03', 'advanced', false, 367),
      {
        period: 'delivery.year1',
        startedOn: '2023-07-03',
        scheduledStart: '2023-07-01',
        dueDate: '2024-07-01',
        endedOn: null,
        durationDays: null,
        outcome: 'open',
        onSchedule: null,
      },
    ]);
    expect((await listActivityCounts(readStore, { coeId: 'fix-me' })).items.map((r) => [r.year, r.kind, r.count])).toEqual([[2023, 'training', 1]]);
    expect((await listActivityParticipants(readStore, { coeId: 'fix-me' })).items.map((r) => [r.year, r.economy, r.participants, r.activities])).toEqual([
      [2023, 'TH', 4, 1],
    ]);
    const assessment = (await listAssessments(readStore, { coeId: 'fix-me' })).items;
    expect(assessment).toEqual([
      expect.objectContaining({ assessmentId: 'a-d', overall: 3.5, recommendation: 'advance', correctedBy: expect.stringMatching(/^\d+$/) }),
    ]);
    // Recorded before the last pull, corrected after it: the feed gives it again.
    expect((await listAssessments(readStore, { sincePosition: position })).items.map((a) => a.assessmentId)).toEqual(['a-d']);
    expect(BigInt(assessment[0].correctedBy as string)).toBeGreaterThan(BigInt(assessment[0].position));
  });

  it('a from-zero rebuild in memory equals the rows built live', async () => {
    const rows = await readModelRows(readStore);
    await runner.rebuild();
    expect(await readModelRows(readStore)).toEqual(rows);
  }, 60_000);
});
