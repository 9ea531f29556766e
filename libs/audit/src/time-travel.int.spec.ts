import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@apo/engine';
import * as f from '@apo/coe/testing';
import type { RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { auditRegistry, stateAt } from './index';

const registry = auditRegistry();
const STREAM = 'coe-th-digital';

describe('time travel through a whole COE life (applied -> the COE network, definition version 2)', () => {
  let dir: string;
  let events: RecordedEvent[];
  let backdated: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-time-'));
    const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    await runSteps(store, lifeScriptSteps('th-digital', f.coeLifeScriptV2));
    // An activity recorded after the advance it predates.
    const late = [
      ...f.history.year1().map((command) => ({ coe: 'my-late', on: '2026-07-01', role: 'admin' as const, command })),
      { coe: 'my-late', on: '2026-07-10', role: 'assessor' as const, command: f.recordActivity('2026-06-20') },
    ];
    await runSteps(store, late);
    events = await store.readStream(STREAM);
    backdated = await store.readStream('coe-my-late');
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const at = (date: string) => stateAt(registry, STREAM, events, { at: date });

  it.each([
    // [as of, state, due date, an event allowed then]
    ['2025-01-09', 'new', null, 'ApplicationSubmitted'],
    ['2025-01-10', 'applied', null, 'ReviewStarted'],
    ['2025-03-01', 'underReview', null, 'CoeDesignated'],
    // Designated by the Governing Body on 2025-04-16 (the launch is then due), effective from the launch on 2025-07-01.
    ['2025-06-30', 'designated', '2025-07-01', 'CoeLaunched'],
    ['2025-07-01', 'active.designation', '2026-07-01', 'ActivityRecorded'],
    ['2026-06-11', 'active.designation', '2026-07-01', 'PhaseExtended'],
    ['2026-08-01', 'active.designation', '2026-10-01', 'AssessmentRecorded'],
    // In delivery the earliest deadline is the year's annual proposal (closing 31 March), until it is in.
    ['2026-10-01', 'active.delivery.year1', '2027-03-31', 'AnnualProposalSubmitted'],
    ['2027-06-30', 'active.delivery.year1', '2027-10-01', 'PublicationRecorded'],
    // Advancing is allowed once an assessment recommends it (2027-09-15), not before.
    ['2027-09-20', 'active.delivery.year1', '2027-10-01', 'PhaseAdvanced'],
    ['2027-12-31', 'active.delivery.year2', '2028-03-31', 'CoeSuspended'],
    // While suspended no proposal is owed.
    ['2028-02-01', 'suspended', '2028-10-01', 'CoeReinstated'],
    ['2028-03-31', 'active.delivery.year2', '2028-03-31', 'ProposalClosingDateWaived'],
    ['2029-01-01', 'active.delivery.year3', '2029-03-31', 'AssessmentRecorded'],
    ['2030-03-31', 'active.replication', '2030-03-31', 'ReplicationRecorded'],
    // The cycle ends in the COE network: a status assessment is due 24 months after it.
    ['2030-10-01', 'network.continuedSupport', '2032-10-01', 'StatusAssessmentRecorded'],
    ['2040-01-01', 'network.continuedSupport', '2032-10-01', 'StatusAssessmentRecorded'],
  ])('as of %s: %s, due %s', (date, state, dueDate, allowed) => {
    const s = at(date);
    expect(s).toMatchObject({ state, details: expect.objectContaining({ dueDate }), divergences: [], enteredLate: [], notReplayable: [] });
    expect(s.allowedEvents).toContain(allowed);
    // The state is the one recorded at that revision: every replayed event is effective by then, the next is not.
    if (s.revision >= 0) expect(events[s.revision].metadata).toMatchObject({ to: state });
    expect(s.lastEvent?.effectiveDate ?? '').toEqual(s.revision >= 0 ? events[s.revision].metadata.effectiveDate : '');
    if (s.revision < events.length - 1) expect(String(events[s.revision + 1].metadata.effectiveDate) > date).toBe(true);
    expect(s.laterEvents).toBe(events.length - 1 - s.revision);
  });

  it('advancing is not allowed before the assessment that recommends it', () => {
    expect(at('2027-06-30').allowedEvents).not.toContain('PhaseAdvanced');
  });

  it('the context as of a date holds the facts known by then (records, extensions, last assessment)', () => {
    const s = at('2027-06-30');
    expect(s.context).toMatchObject({
      extensions: [{ period: 'designation', decidedBy: 'secretariat', until: '2026-10-01' }],
      proposals: { 'wp-2027': { status: 'approved' } },
    });
    expect(s.details).toMatchObject({
      phase: 'delivery',
      period: 'delivery.year1',
      periodStart: '2026-10-01',
      lastAssessment: null,
      records: { activities: 1, publications: 1, replications: 0 },
    });
  });

  it('as of every revision: the state the event recorded, with the allowed events of the replay', () => {
    for (const event of events) {
      const s = stateAt(registry, STREAM, events, { revision: event.revision });
      expect([s.revision, s.state, s.lastEvent?.hash]).toEqual([event.revision, event.metadata.to, event.metadata.hash]);
    }
    expect(stateAt(registry, STREAM, events, { revision: 13 })).toMatchObject({ state: 'active.delivery.year2', laterEvents: 12 });
    expect(stateAt(registry, STREAM, events)).toMatchObject({ revision: 25, state: 'network.continuedSupport', laterEvents: 0 });
  });

  it('as of a date, replays a fact entered after a later-dated one, and says it was entered late', () => {
    // my-late: designation launched 2025-07-01 (#3), advanced 2026-07-01 (#5), an activity of 2026-06-20 recorded on 2026-07-10 (#6).
    const s = stateAt(registry, 'coe-my-late', backdated, { at: '2026-06-30' });
    expect(s).toMatchObject({ state: 'active.designation', revision: 6, laterEvents: 1 });
    expect(s.details).toMatchObject({ records: { activities: 1 } });
    expect(s.enteredLate).toEqual([{ revision: 6, type: 'ActivityRecorded', effectiveDate: '2026-06-20' }]);
    expect(stateAt(registry, 'coe-my-late', backdated, { at: '2026-07-10' })).toMatchObject({ state: 'active.delivery.year1', revision: 6, laterEvents: 0 });
  });

  it('as at a recorded time: the state the system showed then, and as of a date by what was known then', () => {
    // The activity was recorded on 2026-07-10 at 10:00 UTC; on the 9th the system knew six events.
    expect(stateAt(registry, 'coe-my-late', backdated, { asAt: '2026-07-09' })).toMatchObject({
      state: 'active.delivery.year1',
      revision: 5,
      knownEvents: 6,
      laterEvents: 1,
    });
    expect(stateAt(registry, 'coe-my-late', backdated, { asAt: '2026-07-10T09:59:59Z' })).toMatchObject({ knownEvents: 6 });
    expect(stateAt(registry, 'coe-my-late', backdated, { asAt: '2026-07-10T10:00:00Z' })).toMatchObject({ knownEvents: 7 });
    const then = stateAt(registry, 'coe-my-late', backdated, { at: '2026-06-30', asAt: '2026-07-09' });
    expect(then).toMatchObject({
      state: 'active.designation',
      revision: 4,
      details: expect.objectContaining({ records: expect.objectContaining({ activities: 0 }) }),
    });
    // Before the instance was recorded at all.
    expect(stateAt(registry, 'coe-my-late', backdated, { asAt: '2020-01-01' })).toMatchObject({ state: 'new', revision: -1, knownEvents: 0 });
  });

  it('a history entered in two sittings with a notice between them: the notice does not stop the replay of the facts dated before it', async () => {
    // Sitting 1 (2026-12-01): designated 2019, launched 2019-07-01 (past: in the same command); the scheduler then notices the
    // designation assessment overdue since 2020-07-02. Sitting 2 (2026-12-02): the 2020 assessment and advance.
    const dir2 = mkdtempSync(join(tmpdir(), 'audit-sittings-'));
    const store = await openSqliteEventStore({ dataDir: dir2, synchronous: 'NORMAL' });
    try {
      const designate2019 = {
        type: 'DesignateCoe',
        data: { governingBody: { meeting: '59th Governing Body Meeting, Tokyo', decisionDate: '2019-04-15' }, launchDate: '2019-07-01' },
      };
      await runSteps(store, [
        ...[f.submitApplication({ appliedOn: '2019-01-10' }), { type: 'StartReview', data: { startedOn: '2019-02-01' } }, designate2019].map((command) => ({
          coe: 'sittings',
          on: '2026-12-01',
          role: 'admin' as const,
          command,
        })),
        {
          on: '2026-12-01',
          notice: { definition: 'coe-lifecycle', instanceId: 'sittings', deadline: 'assessment:designation', dueDate: '2020-07-01', stage: 'overdue' },
        },
        ...[f.assess('advance', '2020-06-15'), f.advance('2020-07-01')].map((command) => ({
          coe: 'sittings',
          on: '2026-12-02',
          role: 'admin' as const,
          command,
        })),
      ]);
      const stream = await store.readStream('coe-sittings');
      expect(stream.map((e) => e.type)).toEqual([
        'ApplicationSubmitted',
        'ReviewStarted',
        'CoeDesignated',
        'CoeLaunched',
        'AssessmentBecameOverdue',
        'AssessmentRecorded',
        'PhaseAdvanced',
      ]);
      expect(stateAt(registry, 'coe-sittings', stream, { at: '2021-01-01' })).toMatchObject({
        state: 'active.delivery.year1',
        revision: 6,
        divergences: [],
        notReplayable: [],
      });
      expect(stateAt(registry, 'coe-sittings', stream, { at: '2020-06-30' })).toMatchObject({ state: 'active.designation', revision: 5 });
      // Between the Governing Body's decision and the launch: designated.
      expect(stateAt(registry, 'coe-sittings', stream, { at: '2019-05-01' })).toMatchObject({
        state: 'designated',
        details: expect.objectContaining({ status: 'designated, launching on 2019-07-01' }),
      });
      // As known at the end of sitting 1: still in designation on 2021-01-01.
      expect(stateAt(registry, 'coe-sittings', stream, { at: '2021-01-01', asAt: '2026-12-01' })).toMatchObject({
        state: 'active.designation',
        knownEvents: 5,
      });
    } finally {
      await store.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('refuses a bad date, a bad or too large revision, and both at once, naming every field', () => {
    const fields = (asOf: object) => {
      try {
        stateAt(registry, STREAM, events, asOf);
      } catch (error) {
        if (error instanceof ValidationError) return error.fields.map((x) => x.field);
      }
      return 'no error';
    };
    expect(fields({ at: '2027-02-30' })).toEqual(['at']);
    expect(fields({ asAt: 'yesterday' })).toEqual(['asAt']);
    expect(fields({ asAt: '2026-13-01T00:00:00Z' })).toEqual(['asAt']);
    expect(fields({ revision: 3, asAt: '2026-01-01' })).toEqual(['asAt', 'revision']);
    expect(fields({ revision: -1 })).toEqual(['revision']);
    expect(fields({ revision: 26 })).toEqual(['revision']);
    expect(fields({ at: 'x', revision: 1.5 })).toEqual(['at', 'revision', 'at', 'revision']);
  });
});
