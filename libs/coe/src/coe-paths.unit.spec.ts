import { getShortestPaths } from '@xstate/graph';
import { stateToString, type MachineEvent } from '@apo/engine';
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { COE_EVENT_TYPES } from './coe-events';
import { coeMachine as typedMachine } from './coe-machine';

/** Probed with payload-less events too, as allowedEvents asks the machine: any event. */
const coeMachine: AnyStateMachine = typedMachine;
import { PERIODS, type CoeContext } from './coe-model';

const period = { key: 'designation', start: '2025-07-01', dueDate: '2026-07-01', extendedMonths: 0 };
const ev = (type: string, data: Record<string, unknown> = {}): MachineEvent => ({ type, data });

/** One sample of every event (several where the data changes what the machine does). */
const samples: MachineEvent[] = [
  ev('ApplicationSubmitted', { name: 'COE', memberEconomy: 'MY', focusArea: 'lean', appliedOn: '2025-01-10' }),
  ev('ReviewStarted'),
  ev('ApplicationRejected'),
  ev('CoeDesignated', { launchDate: '2025-07-01', period }),
  ...(['advance', 'extend', 'terminate'] as const).map((recommendation) =>
    ev('AssessmentRecorded', { assessmentId: 'a', assessedOn: '2026-06-01', recommendation, overall: 4 }),
  ),
  ev('PhaseExtended', { months: 3, dueDate: '2026-10-01' }),
  ev('CoeGraduated'),
  ev('CoeTerminated', { basis: 'assessment' }),
  ev('CoeTerminated', { basis: 'governingBody' }),
  ev('CoeSuspended', { suspendedOn: '2026-01-01' }),
  ev('CoeReinstated'),
  ev('CoeWithdrawn'),
  ev('AnnualProposalSubmitted', { proposalId: 'p', programmeYear: 2027 }),
  ev('AnnualProposalApproved', { proposalId: 'p' }),
  ev('AnnualProposalReturned', { proposalId: 'p' }),
  ev('ProposalClosingDateWaived', { programmeYear: 2027 }),
  ev('ActivityRecorded'),
  ev('PublicationRecorded'),
  ev('ReplicationRecorded'),
];

/** PhaseAdvanced carries the next period, as decide computes it from the current one. */
const eventsIn = (snapshot: AnyMachineSnapshot): MachineEvent[] => {
  const current = (snapshot.context as CoeContext).period?.key ?? 'designation';
  const next = PERIODS[PERIODS.indexOf(current) + 1] ?? current;
  return [...samples, ev('PhaseAdvanced', { period: { ...period, key: next } })];
};

/**
 * What the guards can tell apart: state, period, last recommendation, extensions used. Counters,
 * proposals and waivers (checked at decide time, not by guards) are left out to keep it small.
 */
const serializeState = (snapshot: AnyMachineSnapshot): string => {
  const c = snapshot.context as CoeContext;
  const history = Object.values(snapshot.historyValue).flatMap((nodes) => nodes.map((n) => n.id));
  return JSON.stringify([snapshot.value, history, c.period?.key, c.lastAssessment?.recommendation, c.extensionsUsed]);
};

describe('COE machine, explored by generated paths', () => {
  const paths = getShortestPaths(coeMachine, { events: eventsIn as never, serializeState: serializeState as never });
  const reached = new Set(paths.map((p) => stateToString(p.state.value)));
  // An event is exercised when some reachable state accepts it (self-loops never lengthen a path).
  const exercised = new Set(
    paths.flatMap((p) =>
      eventsIn(p.state)
        .filter((e) => p.state.can(e))
        .map((e) => e.type),
    ),
  );

  it('reaches every state of the life cycle', () => {
    expect([...reached].sort()).toEqual(
      [
        'new',
        'applied',
        'underReview',
        'rejected',
        'active.designation',
        'active.delivery.year1',
        'active.delivery.year2',
        'active.delivery.year3',
        'active.replication',
        'suspended',
        'graduated',
        'terminated',
        'withdrawn',
      ].sort(),
    );
  });

  it('exercises every event type', () => {
    expect([...exercised].sort()).toEqual([...COE_EVENT_TYPES].sort());
  });

  it('reinstates every suspended period to itself (deep history)', () => {
    const suspendedFrom = paths.filter((p) => stateToString(p.state.value) === 'suspended').map((p) => (p.state.context as CoeContext).period?.key);
    expect(new Set(suspendedFrom)).toEqual(new Set(PERIODS));
    for (const path of paths.filter((p) => stateToString(p.state.value) === 'suspended')) {
      const suspension = path.steps.findLastIndex((s) => s.event.type === 'CoeSuspended');
      // A step holds the state its event led to; the one before the suspension is where it was.
      expect(suspension).toBeGreaterThan(0);
      const before = path.steps[suspension - 1].state;
      const [resumed] = transition(coeMachine, path.state, ev('CoeReinstated'));
      expect(stateToString(resumed.value)).toBe(stateToString(before.value));
    }
  });
});
