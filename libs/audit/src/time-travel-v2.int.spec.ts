import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { v2 as f } from '@apo/coe/testing';
import { DefinitionRegistry, ManualClock, type Command } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { WorkflowService } from '@apo/workflow';
import { stateAt } from './index';

const registry = new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2()]);

/** Runs `[recorded on, command]` steps on one version 2 COE, as an admin, at 10:00 UTC of each day. */
async function run(store: EventStore, id: string, steps: readonly [string, Command][]): Promise<RecordedEvent[]> {
  const clock = new ManualClock('2020-01-01T00:00:00Z');
  const service = new WorkflowService(store, registry, clock);
  for (const [on, command] of steps) {
    clock.set(`${on}T10:00:00.000Z`);
    await service.execute({ definition: 'coe-lifecycle', instanceId: id, command, actor: { id: 'admin:test', role: 'admin' } });
  }
  return store.readStream(`coe-${id}`);
}

describe('time travel on version 2: corrections and dates known to the month or year', () => {
  let dir: string;
  let store: EventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-v2-'));
    store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('as of a date uses the corrected fact; as at a time before the correction shows what was shown then; both are in the history', async () => {
    const events = await run(store, 'corrected', [
      ['2026-08-01', f.submitApplication({ appliedOn: '2025-01-10' })],
      ['2026-08-01', f.startReview()],
      ['2026-08-01', f.designate('2025-07-01')],
      ['2026-08-01', f.assess('advance', '2026-06-15', 'a1')],
      // Typed from the wrong file: the assessment was on 10 June, and outputs scored 2.
      [
        '2026-08-03',
        f.correct({ assessmentId: 'a1' }, { assessedOn: '2026-06-10', scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 2, impact: 4 } }),
      ],
      ['2026-08-04', f.advance('2026-07-01')],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'ReviewStarted',
      'CoeDesignated',
      'CoeLaunched',
      'AssessmentRecorded',
      'RecordCorrected',
      'PhaseAdvanced',
    ]);
    const now = stateAt(registry, 'coe-corrected', events, { at: '2026-06-12' });
    expect(now).toMatchObject({ state: 'active.designation', revision: 4, divergences: [], notReplayable: [] });
    expect(now.context).toMatchObject({ lastAssessment: { assessmentId: 'a1', assessedOn: '2026-06-10' } });
    expect(now.corrected).toEqual([
      expect.objectContaining({
        revision: 4,
        type: 'AssessmentRecorded',
        effectiveDate: '2026-06-10',
        correctedBy: 5,
        recorded: expect.objectContaining({ effectiveDate: '2026-06-15' }),
      }),
    ]);
    // What was known on 2 August: the assessment dated 15 June, so on 12 June there was none yet.
    const then = stateAt(registry, 'coe-corrected', events, { at: '2026-06-12', asAt: '2026-08-02' });
    expect(then).toMatchObject({ state: 'active.designation', revision: 3, corrected: [] });
    expect(then.context).not.toHaveProperty('lastAssessment.assessmentId');
    expect(stateAt(registry, 'coe-corrected', events, { at: '2026-06-20', asAt: '2026-08-02' }).context).toMatchObject({
      lastAssessment: { assessedOn: '2026-06-15' },
    });
    // The current state and verification see every event, the correction included.
    expect(stateAt(registry, 'coe-corrected', events)).toMatchObject({ state: 'active.delivery.year1', divergences: [] });
  });

  it('a fact known only to its year counts from its first day, but never before the fact recorded before it within that year', async () => {
    const events = await run(store, 'partial', [
      ['2026-09-01', f.submitApplication({ appliedOn: '2015-01', historical: true })],
      ['2026-09-01', { type: 'StartReview', data: { startedOn: '2015-02' } }],
      ['2026-09-01', f.designate('2015-07', '2015-04')],
      ['2026-09-01', f.assess('terminate', '2016-02', 'a-2016')],
      ['2026-09-01', f.terminate('2016')],
    ]);
    expect(events.map((e) => e.type)).toContain('CoeTerminated');
    // In 2016, before the February assessment the termination cannot have come (dates in order).
    expect(stateAt(registry, 'coe-partial', events, { at: '2016-01-15' })).toMatchObject({ state: 'active.designation', notReplayable: [] });
    expect(stateAt(registry, 'coe-partial', events, { at: '2016-02-01' })).toMatchObject({ state: 'terminated', notReplayable: [] });
    // Designated in April 2015 (decision), launched in July 2015.
    expect(stateAt(registry, 'coe-partial', events, { at: '2015-05-01' }).state).toBe('designated');
    expect(stateAt(registry, 'coe-partial', events, { at: '2015-07-01' }).state).toBe('active.designation');
  });
});
