import { setup } from 'xstate';
import { allOf } from './guards';
import { machineGraph } from './machine-graph';
import { toMermaid } from './mermaid';

/** A ticket that is worked in two steps, can be paused and resumed where it was, and closes. */
const ticket = setup({
  guards: { hasOwner: () => true, isReviewed: () => true },
}).createMachine({
  id: 'ticket',
  initial: 'open',
  states: {
    open: {
      initial: 'triage',
      on: { Paused: 'paused' },
      states: {
        triage: { on: { Triaged: 'work', Noted: {} } },
        work: { on: { Closed: { target: '#ticket.closed', guard: allOf(['hasOwner', 'isReviewed']) } } },
        prior: { type: 'history', history: 'deep' },
      },
    },
    paused: { on: { Resumed: 'open.prior' } },
    closed: { type: 'final' },
  },
});

describe('machineGraph', () => {
  const graph = machineGraph(ticket);

  it('lists the states nested, with their types and initial children (history pseudo-states left out)', () => {
    expect(graph.initial).toBe('open');
    expect(graph.states).toEqual([
      {
        id: 'open',
        key: 'open',
        type: 'compound',
        initial: 'open.triage',
        states: [
          { id: 'open.triage', key: 'triage', type: 'atomic', states: [] },
          { id: 'open.work', key: 'work', type: 'atomic', states: [] },
        ],
      },
      { id: 'paused', key: 'paused', type: 'atomic', states: [] },
      { id: 'closed', key: 'closed', type: 'final', states: [] },
    ]);
  });

  it('lists the transitions with their guards; a history target is its parent, "to prior state"; records are left out', () => {
    expect(graph.transitions).toEqual([
      { from: 'open', to: 'paused', event: 'Paused', toPriorState: false },
      { from: 'open.triage', to: 'open.work', event: 'Triaged', toPriorState: false },
      { from: 'open.work', to: 'closed', event: 'Closed', guard: 'hasOwner and isReviewed', toPriorState: false },
      { from: 'paused', to: 'open', event: 'Resumed', toPriorState: true },
    ]);
  });

  it('is what toMermaid draws', () => {
    expect(toMermaid(ticket)).toBe(
      [
        'stateDiagram-v2',
        '  state "open" as open {',
        '    open_triage : triage',
        '    open_work : work',
        '    [*] --> open_triage',
        '  }',
        '  paused : paused',
        '  closed : closed',
        '  [*] --> open',
        '  closed --> [*]',
        '  open --> paused : Paused',
        '  open_triage --> open_work : Triaged',
        '  open_work --> closed : Closed [hasOwner and isReviewed]',
        '  paused --> open : Resumed (to prior state)',
        '',
      ].join('\n'),
    );
  });
});
