import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { stateToString, type MachineEvent } from '@apo/engine';
import type { AnyMachineSnapshot } from 'xstate';
import { BCN_EVENT_TYPES } from './bcn-events';
import { bcnMachine } from './bcn-machine';
import type { BcnContext } from './bcn-model';

const ev = (type: string, data: Record<string, unknown> = {}): MachineEvent => ({ type, data });
const npo = (economy: string) => ({ economy, name: `NPO ${economy}` });
const people = (count: number, category = 'npoOfficial') => Array.from({ length: count }, (_, i) => ({ name: `P${i}`, position: 'Director', category }));
const scheduled = (overrides: Record<string, unknown> = {}) =>
  ev('ExchangeScheduled', {
    scheduledOn: '2023-05-10',
    startDate: '2023-09-04',
    endDate: '2023-09-08',
    modality: 'faceToFace',
    hostingNpo: npo('TH'),
    participants: people(4),
    ...overrides,
  });

/** One acceptable sample of every event. */
const good: MachineEvent[] = [
  ev('ExchangeDrafted', { title: 'Lean', topic: 'lean', programmeYear: 2023, sendingNpo: npo('LA'), hostingNpo: npo('TH'), draftedOn: '2023-02-01' }),
  ev('ExchangeSubmitted', { submittedOn: '2023-03-15', programmeYear: 2023, window: 1, closingDate: '2023-03-31' }),
  ev('ExchangeProposed', { proposedOn: '2023-03-01' }),
  ev('ExchangeApproved', { approvedOn: '2023-04-20' }),
  ev('ExchangeRejected', { rejectedOn: '2023-04-20', reason: 'no' }),
  scheduled(),
  scheduled({ modality: 'virtual', participants: people(10) }),
  ev('ExchangeImplemented', { implementedOn: '2023-09-08' }),
  ev('ExchangeReported', { reportedOn: '2023-10-15', summary: 's', outcomes: [] }),
  ev('FollowUpRecorded', { followUpId: 'fu-1', kind: 'training', title: 't', date: '2024-01-20' }),
  ev('ExchangeClosed', { closedOn: '2024-03-31' }),
  ev('ExchangeWithdrawn', { withdrawnOn: '2023-08-01', reason: 'r' }),
];

/** Samples each named guard must refuse wherever the event's type is otherwise accepted. */
const bad: [guard: string, sample: string, event: MachineEvent][] = [
  ['differentNpos', 'a draft with the same NPO on both sides', ev('ExchangeDrafted', { ...good[0].data, hostingNpo: npo('LA') })],
  [
    'withinClosingDate',
    'an application after the last closing date',
    ev('ExchangeSubmitted', { submittedOn: '2023-07-01', programmeYear: 2023, window: null, closingDate: '2023-06-30' }),
  ],
  ['differentNpos', 'a schedule hosted by the sending NPO', scheduled({ hostingNpo: npo('LA') })],
  ['withinParticipantLimit', 'five face to face', scheduled({ participants: people(5) })],
  ['withinParticipantLimit', 'eleven virtual', scheduled({ modality: 'virtual', participants: people(11) })],
  ['participantsEligible', 'a private-sector participant', scheduled({ participants: [...people(2), ...people(1, 'privateSector')] })],
];

/** What the guards can tell apart: the state and the sending NPO (the roster and dates are in the events). */
const serializeState = (snapshot: AnyMachineSnapshot) => JSON.stringify([snapshot.value, (snapshot.context as BcnContext).sendingNpo?.economy]);
const events = () => [...good, ...bad.map(([, , e]) => e)];

describe('BCN machine, explored by generated paths', () => {
  const paths = getShortestPaths(bcnMachine, { events: events as never, serializeState: serializeState as never });
  // Probed with payload-less events too, as allowedEvents asks the machine: any snapshot, any event.
  const reached: AnyMachineSnapshot[] = paths.map((p) => p.state);
  const accepting = (type: string) =>
    reached
      .filter((s) => s.can(ev(type)))
      .map((s) => stateToString(s.value))
      .sort();

  it('reaches every state of the exchange', () => {
    expect(reached.map((s) => stateToString(s.value)).sort()).toEqual(
      ['new', 'draft', 'submitted', 'proposed', 'approved', 'rejected', 'scheduled', 'implemented', 'reported', 'followUp', 'closed', 'withdrawn'].sort(),
    );
  });

  it('exercises every event type', () => {
    const exercised = new Set(reached.flatMap((s) => good.filter((e) => s.can(e)).map((e) => e.type)));
    expect([...exercised].sort()).toEqual([...BCN_EVENT_TYPES].sort());
  });

  it.each(bad)('guard %s refuses %s in every state that takes the event', (_guard, _sample, event) => {
    const states = reached.filter((s) => s.can(ev(event.type)));
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) expect([stateToString(state.value), state.can(event)]).toEqual([stateToString(state.value), false]);
  });

  it('withdraws only before implementation, and ends in exactly three final states', () => {
    expect(accepting('ExchangeWithdrawn')).toEqual(['approved', 'draft', 'proposed', 'scheduled', 'submitted']);
    expect(
      reached
        .filter((s) => s.status === 'done')
        .map((s) => stateToString(s.value))
        .sort(),
    ).toEqual(['closed', 'rejected', 'withdrawn']);
  });

  it('closes only through implementation and a report, on every simple path', () => {
    const toClosed = getSimplePaths(bcnMachine, {
      events: (() => good) as never,
      serializeState: serializeState as never,
      toState: (s) => stateToString(s.value) === 'closed',
    });
    expect(toClosed.length).toBeGreaterThan(2);
    for (const path of toClosed) {
      const types = path.steps.map((s) => s.event.type);
      expect(types).toEqual(expect.arrayContaining(['ExchangeApproved', 'ExchangeScheduled', 'ExchangeImplemented', 'ExchangeReported']));
      expect(types.indexOf('ExchangeImplemented')).toBeLessThan(types.indexOf('ExchangeReported'));
    }
  });
});
