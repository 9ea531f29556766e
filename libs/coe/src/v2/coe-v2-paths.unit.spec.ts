import { getShortestPaths } from '@xstate/graph';
import { stateToString, type MachineEvent } from '@apo/engine';
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { PERIODS } from '../coe-model';
import { COE_V2_DEADLINE_KINDS } from './coe-v2-deadlines';
import { COE_V2_EVENT_TYPES } from './coe-v2-events';
import { coeMachineV2 as typedMachine } from './coe-v2-machine';

/** Probed with payload-less events too, as allowedEvents asks the machine: any event. */
const coeMachineV2: AnyStateMachine = typedMachine;
import { NEXT_STAGES, type CoeV2Context } from './coe-v2-model';

const period = { key: 'designation', start: '2025-07-01', dueDate: '2026-07-01' };
const ev = (type: string, data: Record<string, unknown> = {}): MachineEvent => ({ type, data });
const application = {
  name: 'COE',
  memberEconomy: 'MY',
  nominatingNpo: 'MPC',
  hostInstitution: { name: 'MPC', type: 'npo' },
  focusArea: 'lean',
  appliedOn: '2025-01-10',
};
const governingBody = { meeting: '65th', decisionDate: '2025-04-15' };
const scores = { competency: 4, dissemination: 4, collaboration: 4, outputs: 4, impact: 4 };

/** One sample of every event (several where the data changes what the machine does). */
const samples: MachineEvent[] = [
  ev('ApplicationSubmitted', application),
  ev('ApplicationSubmitted', { ...application, historical: true }),
  ev('ReviewStarted', { startedOn: '2025-02-01' }),
  ev('ApplicationRejected', { decidedOn: '2025-03-01' }),
  ev('CoeDesignated', { governingBody, plannedLaunchDate: '2025-07-01' }),
  ev('CoeLaunched', { launchedOn: '2025-07-01', plannedLaunchDate: '2025-07-01', period }),
  ...(['advance', 'extend', 'terminate'] as const).map((recommendation) =>
    ev('AssessmentRecorded', { assessmentId: `a-${recommendation}`, period: 'designation', assessedOn: '2026-06-01', scores, overall: 4, recommendation }),
  ),
  ev('PhaseExtended', { period: 'designation', decidedBy: 'secretariat', decidedOn: '2026-06-02', previousDueDate: '2026-07-01', until: '2026-10-01' }),
  ev('PhaseExtended', {
    period: 'designation',
    decidedBy: 'governingBody',
    decidedOn: '2026-06-02',
    previousDueDate: '2026-07-01',
    until: '2027-10-01',
    governingBody,
  }),
  ev('CycleCompleted', { completedOn: '2030-07-01', fromPeriod: 'replication', cycleEnd: '2030-07-01' }),
  ...NEXT_STAGES.map((stage) =>
    ev('StatusAssessmentRecorded', { assessmentId: `s-${stage}`, assessedOn: '2031-01-01', scores, overall: 4, recommendedStage: stage }),
  ),
  ...NEXT_STAGES.flatMap((stage) => [
    ev('NextStageDecided', { stage, decidedBy: 'secretariat', decidedOn: '2031-02-01' }),
    ev('NextStageDecided', { stage, decidedBy: 'governingBody', decidedOn: '2031-02-01', governingBody }),
  ]),
  ev('CoeTerminated', { basis: 'assessment', terminatedOn: '2027-01-01' }),
  ev('CoeTerminated', { basis: 'governingBody', terminatedOn: '2027-01-01', governingBody }),
  ev('CoeSuspended', { suspendedOn: '2026-01-01' }),
  ev('CoeReinstated', { reinstatedOn: '2026-02-01' }),
  ev('CoeWithdrawn', { withdrawnOn: '2027-01-01' }),
  ev('AnnualProposalSubmitted', { proposalId: 'p', programmeYear: 2027 }),
  ev('AnnualProposalApproved', { proposalId: 'p' }),
  ev('AnnualProposalReturned', { proposalId: 'p' }),
  ev('ProposalClosingDateWaived', { programmeYear: 2027 }),
  ev('ActivityRecorded', { activityId: 'act', date: '2026-01-01' }),
  ev('PublicationRecorded', { publicationId: 'pub', date: '2026-01-01' }),
  ev('ReplicationRecorded', { replicationId: 'rep', date: '2026-01-01' }),
  ev('RecordCorrected', { eventType: 'ActivityRecorded', corrects: { activityId: 'act' }, patch: { title: 'x' }, reason: 'typo' }),
  ev('HistoricalEntryCompleted', { upToDate: '2031-01-01' }),
  ...Object.values(COE_V2_DEADLINE_KINDS).flatMap((kind) => [ev(kind.lead), ev(kind.due), ev(kind.overdue)]),
];

/** PhaseAdvanced carries the next period, as decide computes it from the current one. */
const eventsIn = (snapshot: AnyMachineSnapshot): MachineEvent[] => {
  const current = (snapshot.context as CoeV2Context).period?.key ?? 'designation';
  const next = PERIODS[PERIODS.indexOf(current) + 1] ?? current;
  return [...samples, ev('PhaseAdvanced', { advancedOn: '2026-07-01', fromPeriod: current, period: { ...period, key: next } })];
};

/** What the guards can tell apart; counters, records, proposals and the timeline are left out to keep it small. */
const serializeState = (snapshot: AnyMachineSnapshot): string => {
  const c = snapshot.context as CoeV2Context;
  const history = Object.values(snapshot.historyValue).flatMap((nodes) => nodes.map((n) => n.id));
  return JSON.stringify([
    snapshot.value,
    history,
    c.period?.key,
    c.lastAssessment?.recommendation,
    c.lastStatusAssessment?.recommendedStage,
    c.historical,
    c.suspendedFrom,
  ]);
};

describe('COE v2 machine, explored by generated paths', () => {
  const paths = getShortestPaths(coeMachineV2, { events: eventsIn as never, serializeState: serializeState as never });
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
        'designated',
        'active.designation',
        'active.delivery.year1',
        'active.delivery.year2',
        'active.delivery.year3',
        'active.replication',
        'network.continuedSupport',
        'network.member',
        'suspended',
        'retired',
        'terminated',
        'withdrawn',
      ].sort(),
    );
  });

  it('exercises every event type', () => {
    expect([...exercised].sort()).toEqual([...COE_V2_EVENT_TYPES].sort());
  });

  it('reinstates every suspension to exactly where it was: each period and each network stage (deep history)', () => {
    const suspendedPaths = paths.filter((p) => stateToString(p.state.value) === 'suspended');
    const suspendedFrom = new Set<string>();
    for (const path of suspendedPaths) {
      const suspension = path.steps.findLastIndex((s) => s.event.type === 'CoeSuspended');
      // A step holds the state its event led to; the one before the suspension is where it was.
      expect(suspension).toBeGreaterThan(0);
      const before = stateToString(path.steps[suspension - 1].state.value);
      suspendedFrom.add(before);
      const [resumed] = transition(coeMachineV2, path.state, ev('CoeReinstated'));
      expect(stateToString(resumed.value)).toBe(before);
    }
    expect([...suspendedFrom].sort()).toEqual(
      [
        'active.designation',
        'active.delivery.year1',
        'active.delivery.year2',
        'active.delivery.year3',
        'active.replication',
        'network.continuedSupport',
        'network.member',
      ].sort(),
    );
  });

  it('leaves the ended states only to corrections', () => {
    for (const path of paths.filter((p) => ['rejected', 'retired', 'terminated', 'withdrawn'].includes(stateToString(p.state.value)))) {
      const accepted = eventsIn(path.state)
        .filter((e) => path.state.can(e))
        .map((e) => e.type);
      expect(accepted.filter((type) => type !== 'HistoricalEntryCompleted')).toEqual(['RecordCorrected']);
    }
  });
});
