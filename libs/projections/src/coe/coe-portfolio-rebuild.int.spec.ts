import { fold, isOverdueOn, type EnvelopedEvent } from '@apo/engine';
import { describeCoe, type CoeContext } from '@apo/coe';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import type { ProjectionRunner } from '../runner/projection-runner';
import { listCoeOverview, portfolioSummary } from '@apo/read-queries';
import { generatePortfolio, coeV1Registry, readModelRows, runSteps, LiveProjections } from '../testing';
import { testTargets } from '@apo/read-store/testing';
import { coeProjections } from '@apo/coe-read-models';

const COES = 220;
const TODAY = '2030-01-01';
/** The generated histories are in version 1's commands. */
const registry = coeV1Registry();

describe.each(testTargets('coe portfolio rebuild'))(
  'a portfolio of %s COEs built live, then rebuilt (%s)'.replace('%s COEs', `${COES} COEs`),
  (_dialect, makeTarget) => {
    // Small batches so the live build also crosses many batch boundaries.
    const live = new LiveProjections(makeTarget, { prefix: 'coe-portfolio-', projections: (store) => coeProjections({ registry, store }), batchSize: 97 });
    let store: EventStore;
    let readStore: ReadStore;
    let runner: ProjectionRunner;

    beforeAll(async () => {
      ({ store, readStore, runner } = await live.start());
      await runSteps(store, generatePortfolio({ count: COES, seed: 7 }), registry);
      await runner.catchUp();
    }, 120_000);
    afterAll(() => live.stop());

    it('covers every way a COE life can go', async () => {
      const { items } = await portfolioSummary(readStore);
      const sum = (phase: keyof (typeof items)[number]) => items.reduce((n, row) => n + (row[phase] as number), 0);
      expect(sum('total')).toBe(COES);
      // The phase is in the assertion so a failure names the missing case.
      for (const phase of ['applied', 'designation', 'delivery', 'replication', 'graduated', 'rejected', 'terminated', 'withdrawn'] as const) {
        expect([phase, sum(phase) > 0]).toEqual([phase, true]);
      }
      const rows = await readModelRows(readStore);
      expect(rows.coe_phase_history.some((r) => r.on_schedule === 0)).toBe(true);
      expect(rows.coe_replications.some((r) => r.bcn_exchange_id === null)).toBe(true);
      expect(new Set(rows.coe_activity_participants.map((r) => r.economy)).size).toBeGreaterThan(10);
    });

    it('lists every COE as describeCoe describes its folded stream', async () => {
      const page = await listCoeOverview(readStore, { today: TODAY, limit: 1000 });
      expect(page.total).toBe(COES);
      for (const item of page.items) {
        const events = (await store.readStream(`coe-${item.id}`)) as unknown as EnvelopedEvent[];
        const state = fold<CoeContext>(registry.get('coe-lifecycle', 1) as never, events);
        const d = describeCoe(state.state, state.context);
        expect({ ...item, id: undefined }).toMatchObject({
          state: state.state,
          revision: state.revision,
          name: d.name,
          memberEconomy: d.memberEconomy,
          focusArea: d.focusArea,
          phase: d.phase,
          period: d.period,
          phaseStart: d.periodStart,
          dueDate: d.dueDate,
          suspended: d.suspended,
          overdue: isOverdueOn(state.definition, state.state, state.context, TODAY),
          lastAssessmentId: d.lastAssessment?.assessmentId ?? null,
          lastAssessmentOverall: d.lastAssessment?.overall ?? null,
          activities: d.records.activities,
          publications: d.records.publications,
          replications: d.records.replications,
        });
      }
    });

    it('a from-zero rebuild equals the live-built read models row for row', async () => {
      const live = await readModelRows(readStore);
      const progress: [number, number][] = [];
      await runner.rebuild(undefined, (done, total) => progress.push([done, total]));
      expect(await readModelRows(readStore)).toEqual(live);
      const head = progress[progress.length - 1][1];
      expect(progress[progress.length - 1]).toEqual([head, head]);
      expect(progress.length).toBeGreaterThan(2);
      expect((await runner.status()).every((s) => s.position === String(head) && s.lagEvents === 0 && !s.rebuilding)).toBe(true);
    }, 60_000);
  },
);
