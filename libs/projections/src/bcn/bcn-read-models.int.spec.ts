import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import { bcnExchangeLinks, listBcnExchanges, bcnFollowUpCounts, bcnWindowStatistics, toCsv } from '@apo/read-queries';
import { readModelProjections } from '../read-model-catalogue';
import { coeV1Registry, byDay, exchangeScriptSteps, lifeScriptSteps, runSteps, type ExchangeStep, LiveProjections } from '../testing';
import { testTargets } from '@apo/read-store/testing';

const at = (day: string) => `${day}T10:00:00.000Z`;
const step = (exchange: string, on: string, type: string, data: Record<string, unknown>, role: 'assessor' | 'admin' = 'assessor'): ExchangeStep => ({
  exchange,
  on,
  role,
  command: { type, data },
});
const draft = (exchange: string, on: string, sendingNpo: string) =>
  step(exchange, on, 'DraftExchange', { title: `Exchange ${exchange}`, topic: 'green productivity', programmeYear: 2030, sendingNpo, draftedOn: on });

/** Besides the life script: a Secretariat proposal, a rejected second-window application and a bare draft. */
const others: ExchangeStep[] = [
  draft('bcn-sec', '2030-02-01', 'NP'),
  step('bcn-sec', '2030-09-01', 'ProposeExchange', { proposedOn: '2030-09-01' }),
  step('bcn-sec', '2030-09-20', 'ApproveExchange', { approvedOn: '2030-09-20' }, 'admin'),
  draft('bcn-late', '2030-04-02', 'PK'),
  step('bcn-late', '2030-05-15', 'SubmitExchange', { submittedOn: '2030-05-15' }),
  step('bcn-late', '2030-06-20', 'RejectExchange', { rejectedOn: '2030-06-20', reason: 'budget' }, 'admin'),
  draft('bcn-idea', '2030-10-10', 'FJ'),
];

const steps = byDay([...exchangeScriptSteps(BCN_LIFE_SCRIPT_ID, bcnLifeScript), ...lifeScriptSteps('th-digital', coeLifeScript), ...others]);

describe.each(testTargets('bcn read models'))('BCN read models (%s)', (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, {
    prefix: 'bcn-read-models-',
    projections: (store) => readModelProjections({ registry: createRegistry(), store }),
  });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    // Up to the rescheduling of the life script's exchange (2030-05-20), then the rest.
    await runSteps(
      store,
      steps.filter((s) => s.on <= '2030-05-31'),
      coeV1Registry(),
    );
    await runner.catchUp();
  }, 60_000);
  afterAll(() => live.stop());

  it('lists a rescheduled exchange with its window, NPOs, modality and roster size', async () => {
    const page = await listBcnExchanges(readStore, { state: 'scheduled' });
    expect(page.items).toEqual([
      {
        id: BCN_LIFE_SCRIPT_ID,
        title: 'Digital maturity toolkit for Lao SMEs',
        topic: 'digital transformation of SMEs',
        programmeYear: 2030,
        origin: 'application',
        window: 1,
        closingDate: '2030-03-31',
        sendingEconomy: 'LA',
        sendingNpo: 'Department of SME Promotion, Ministry of Industry and Commerce',
        hostingEconomy: 'TH',
        hostingNpo: 'Foundation for Thailand Productivity Institute',
        state: 'scheduled',
        draftedOn: '2030-01-20',
        appliedOn: '2030-03-28',
        decidedOn: '2030-04-15',
        modality: 'virtual',
        startDate: '2030-06-10',
        endDate: '2030-06-12',
        participants: 4,
        reschedules: 1,
        implementedOn: null,
        reportedOn: null,
        followUps: 0,
        lastFollowUpOn: null,
        closedOn: null,
        withdrawnOn: null,
        revision: 4,
        updatedAt: at('2030-05-20'),
        position: page.position,
      },
    ]);
    expect((await listBcnExchanges(readStore)).items.map((e) => [e.id, e.state])).toEqual([
      [BCN_LIFE_SCRIPT_ID, 'scheduled'],
      ['bcn-late', 'submitted'],
      ['bcn-sec', 'draft'],
    ]);
  });

  it('after the rest of the year: exact exchanges, windows, follow-ups and the COE replication citing the exchange', async () => {
    await runSteps(
      store,
      steps.filter((s) => s.on > '2030-05-31'),
      coeV1Registry(),
    );
    await runner.catchUp();
    const all = await listBcnExchanges(readStore);
    expect(all.items.map((e) => [e.id, e.state, e.origin, e.window, e.followUps, e.revision])).toEqual([
      [BCN_LIFE_SCRIPT_ID, 'closed', 'application', 1, 2, 9],
      ['bcn-idea', 'draft', null, null, 0, 0],
      ['bcn-late', 'rejected', 'application', 2, 0, 2],
      ['bcn-sec', 'approved', 'secretariat', null, 0, 2],
    ]);
    expect(all.items[0]).toMatchObject({
      implementedOn: '2030-06-12',
      reportedOn: '2030-07-05',
      lastFollowUpOn: '2030-11-15',
      closedOn: '2030-12-20',
      updatedAt: at('2030-12-20'),
      position: all.position,
    });
    expect((await listBcnExchanges(readStore, { sendingEconomy: 'PK', programmeYear: 2030, window: 2 })).items.map((e) => e.id)).toEqual(['bcn-late']);
    expect((await listBcnExchanges(readStore, { hostingEconomy: 'TH', modality: 'virtual' })).total).toBe(1);
    expect((await listBcnExchanges(readStore, { origin: 'secretariat' })).items.map((e) => e.id)).toEqual(['bcn-sec']);

    const zero = {
      submitted: 0,
      proposed: 0,
      approved: 0,
      rejected: 0,
      scheduled: 0,
      implemented: 0,
      reported: 0,
      followUp: 0,
      closed: 0,
      withdrawn: 0,
      virtual: 0,
      faceToFace: 0,
      participants: 0,
    };
    expect((await bcnWindowStatistics(readStore, { programmeYear: 2030 })).items).toEqual([
      { programmeYear: 2030, origin: 'application', window: 1, closingDate: '2030-03-31', exchanges: 1, ...zero, closed: 1, virtual: 1, participants: 4 },
      { programmeYear: 2030, origin: 'application', window: 2, closingDate: '2030-06-30', exchanges: 1, ...zero, rejected: 1 },
      { programmeYear: 2030, origin: 'secretariat', window: null, closingDate: null, exchanges: 1, ...zero, approved: 1 },
    ]);

    expect((await bcnFollowUpCounts(readStore)).items).toEqual([
      { year: 2030, kind: 'jointProject', sendingEconomy: 'LA', hostingEconomy: 'TH', followUps: 1, exchanges: 1 },
      { year: 2030, kind: 'training', sendingEconomy: 'LA', hostingEconomy: 'TH', followUps: 1, exchanges: 1 },
    ]);
    expect((await bcnFollowUpCounts(readStore, { kind: 'training', exchangeId: BCN_LIFE_SCRIPT_ID })).total).toBe(1);

    const links = await bcnExchangeLinks(readStore, BCN_LIFE_SCRIPT_ID);
    expect(links.exchange).toEqual(all.items[0]);
    expect(links.coeReplications).toEqual([
      {
        coeId: 'th-digital',
        replicationId: 'rep-1',
        targetEconomy: 'LA',
        description: 'Digital maturity toolkit adopted by the Lao NPO',
        date: '2030-02-12',
        bcnExchangeId: BCN_LIFE_SCRIPT_ID,
        correctedBy: null,
        position: expect.stringMatching(/^\d+$/),
      },
    ]);
    expect(await bcnExchangeLinks(readStore, 'nobody')).toEqual({ exchange: null, coeReplications: [], position: links.position });
  });

  it('serves the incremental feed and CSV', async () => {
    const { position } = await listBcnExchanges(readStore);
    const recent = await listBcnExchanges(readStore, { sincePosition: String(BigInt(position) - 3n) });
    expect(recent.items.map((e) => e.id)).toEqual(['bcn-idea', BCN_LIFE_SCRIPT_ID]);
    expect(toCsv((await bcnFollowUpCounts(readStore)).items)).toBe(
      'year,kind,sendingEconomy,hostingEconomy,followUps,exchanges\r\n2030,jointProject,LA,TH,1,1\r\n2030,training,LA,TH,1,1\r\n',
    );
  });
});
