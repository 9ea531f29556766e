import { fold, type EnvelopedEvent } from '@apo/engine';
import { BCN_DEFINITION_NAME, describeBcn, type BcnContext } from '@apo/bcn';
import type { EventStore } from '@apo/event-store';
import { createRegistry } from '@apo/programmes';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import { bcnExchangeLinks, BCN_STATES, listBcnExchanges, bcnFollowUpCounts, bcnWindowStatistics } from '@apo/read-queries';
import { readModelProjections } from '../read-model-catalogue';
import { coeV1Registry, generateExchanges, generatePortfolio, readModelRows, byDay, runSteps, LiveProjections } from '../testing';
import { testTargets } from '@apo/read-store/testing';

const EXCHANGES = 160;
const registry = createRegistry();

describe.each(testTargets('bcn exchanges rebuild'))(`${EXCHANGES} BCN exchanges beside COEs, built live, then rebuilt (%s)`, (_dialect, makeTarget) => {
  const live = new LiveProjections(makeTarget, { prefix: 'bcn-rebuild-', projections: (store) => readModelProjections({ registry, store }), batchSize: 89 });
  let store: EventStore;
  let readStore: ReadStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    ({ store, readStore, runner } = await live.start());
    // Same id prefix: some COE replications cite `bcn-pf-NNNN`, which these exchanges are.
    await runSteps(store, byDay([...generateExchanges({ count: EXCHANGES, seed: 5 }), ...generatePortfolio({ count: 60, seed: 8 })]), coeV1Registry());
    await runner.catchUp();
  }, 120_000);
  afterAll(() => live.stop());

  it('covers every state, both origins and both windows, and follow-ups', async () => {
    const { items, total } = await listBcnExchanges(readStore, { limit: 1000 });
    expect(total).toBe(EXCHANGES);
    const states = new Set(items.map((e) => e.state));
    for (const state of BCN_STATES) expect([state, states.has(state)]).toEqual([state, true]);
    const windows = (await bcnWindowStatistics(readStore)).items;
    expect(new Set(windows.map((w) => `${w.origin}:${w.window}`))).toEqual(new Set(['application:1', 'application:2', 'secretariat:null']));
    expect(windows.reduce((n, w) => n + w.exchanges, 0)).toBe(items.filter((e) => e.origin !== null).length);
    const followUps = (await bcnFollowUpCounts(readStore)).items;
    expect(followUps.reduce((n, f) => n + f.followUps, 0)).toBe(items.reduce((n, e) => n + e.followUps, 0));
  });

  it('lists every exchange as describeBcn describes its folded stream', async () => {
    for (const item of (await listBcnExchanges(readStore, { limit: 1000 })).items) {
      const events = (await store.readStream(`bcn-${item.id}`)) as unknown as EnvelopedEvent[];
      const state = fold<BcnContext>(registry.get(BCN_DEFINITION_NAME, 1), events);
      const d = describeBcn(state.state, state.context);
      expect(item).toMatchObject({
        id: item.id,
        state: state.state,
        revision: state.revision,
        programmeYear: d.programmeYear,
        origin: d.origin,
        window: d.window,
        closingDate: d.closingDate,
        sendingEconomy: d.sendingNpo?.economy ?? null,
        hostingEconomy: d.hostingNpo?.economy ?? null,
        appliedOn: d.appliedOn,
        decidedOn: d.decidedOn,
        modality: d.schedule?.modality ?? null,
        startDate: d.schedule?.startDate ?? null,
        participants: d.schedule?.participants.length ?? 0,
        implementedOn: d.implementedOn,
        reportedOn: d.reportedOn,
        followUps: d.followUps,
        lastFollowUpOn: d.lastFollowUpOn,
        closedOn: d.closedOn,
        withdrawnOn: d.withdrawnOn,
      });
    }
  });

  it('shows the COE replications that cite an exchange', async () => {
    const rows = await readModelRows(readStore);
    const cited = rows.coe_replications.filter((r) => rows.bcn_exchanges.some((e) => e.id === r.bcn_exchange_id));
    expect(cited.length).toBeGreaterThan(0);
    const links = await bcnExchangeLinks(readStore, String(cited[0].bcn_exchange_id));
    expect(links.exchange?.id).toBe(cited[0].bcn_exchange_id);
    expect(links.coeReplications.map((r) => r.coeId)).toContain(cited[0].coe_id);
  });

  it('a from-zero rebuild equals the live-built read models row for row', async () => {
    const live = await readModelRows(readStore);
    expect(live.bcn_follow_ups.length).toBeGreaterThan(20);
    await runner.rebuild();
    expect(await readModelRows(readStore)).toEqual(live);
  }, 60_000);
});
