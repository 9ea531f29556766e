import { assign, setup } from 'xstate';
import { decide } from './decide';
import type { MachineEvent, WorkflowDefinition } from './definition';
import { seal, type EnvelopedEvent } from './envelope';
import { fold } from './fold';
import { DefinitionRegistry } from './registry';
import { READABLE_EVENT, StreamVerifier, verifyStream, type UntrustedEvent } from './verify';

/** A ticket whose `Closed` guard reads `owner.length` from the context `Taken` set: data an edit left without `owner` makes the machine throw. */
const ticket: WorkflowDefinition<{ owner?: string }> = {
  name: 'ticket',
  version: 1,
  streamPrefix: 'ticket',
  machine: setup({
    types: { context: {} as { owner?: string }, events: {} as MachineEvent },
    guards: { named: ({ context }) => (context.owner as string).length > 0 },
    actions: { take: assign(({ event }) => ({ owner: event.data.owner as string })) },
  }).createMachine({
    id: 'ticket',
    initial: 'new',
    context: {},
    states: {
      new: { on: { Opened: 'open' } },
      open: { on: { Taken: { target: 'taken', actions: 'take' } } },
      taken: { on: { Closed: { target: 'closed', guard: 'named' } } },
      closed: { on: { Noted: 'closed' } },
    },
  }),
  eventTypes: ['Opened', 'Taken', 'Closed', 'Noted'],
  commands: Object.fromEntries(
    ['Opened', 'Taken', 'Closed', 'Noted'].map((type) => [type, { roles: ['admin'], decide: (_: unknown, data: Record<string, unknown>) => [{ type, data }] }]),
  ),
  guardRules: { named: { code: 'TICKET.OWNER_REQUIRED', message: 'a ticket is closed by its owner' } },
};
const registry = new DefinitionRegistry([ticket]);
const now = new Date('2026-01-01T00:00:00Z');

/** Opened, taken by ana, closed, then two notes. */
function history(): EnvelopedEvent[] {
  const events: EnvelopedEvent[] = [];
  const commands: [string, Record<string, unknown>][] = [
    ['Opened', {}],
    ['Taken', { owner: 'ana' }],
    ['Closed', {}],
    ['Noted', { n: 1 }],
    ['Noted', { n: 2 }],
  ];
  commands.forEach(([type, data], i) => {
    const state = fold(ticket, events);
    const decision = decide(ticket, state, { type, data }, now);
    if (!decision.ok) throw decision.error;
    const command = { actor: { id: 'u1', role: 'admin' }, commandId: `c${i}`, recordedAt: now.toISOString(), effectiveDate: '2026-01-01' };
    events.push(
      ...seal({ definition: ticket, streamId: 'ticket-1', firstRevision: state.revision + 1, prevHash: state.lastHash, events: decision.events, command }),
    );
  });
  return events;
}

const edited = (event: EnvelopedEvent, data: Record<string, unknown>): UntrustedEvent => ({ ...event, data });
const kinds = (events: Iterable<UntrustedEvent>) => verifyStream(registry, 'ticket-1', events).divergences.map((d) => [d.revision, d.kind]);

describe('verifyStream once an event cannot be replayed', () => {
  it('verifies the untouched history', () => {
    const result = verifyStream(registry, 'ticket-1', history());
    expect(result).toMatchObject({ divergences: [], events: 5, finalState: { state: 'closed' } });
  });

  it('an unreadable event is malformed at its place; the replay stops, the rest is still checked as a chain', () => {
    const [opened, ana, closed, note] = history();
    const verifier = new StreamVerifier(registry, 'ticket-1');
    verifier.push(opened);
    verifier.pushUnreadable(ana, 'unreadable data: Unexpected end of JSON input');
    // Its hash is unknown: closed's prevHash cannot be checked. A later edit still breaks its own hash.
    verifier.push(closed);
    verifier.push(edited(note, { n: 7 }));
    const result = verifier.result();
    expect(result.divergences).toEqual([
      { streamId: 'ticket-1', revision: 1, kind: 'malformed', expected: READABLE_EVENT, actual: 'unreadable data: Unexpected end of JSON input' },
      { streamId: 'ticket-1', revision: 3, kind: 'hash', expected: expect.any(String), actual: note.metadata.hash },
    ]);
    expect(result.events).toBe(4);
    expect(result.finalState).toBeUndefined();
  });

  it('an unreadable event is still checked for its place: a gap before it is a revision divergence', () => {
    const [opened, , closed] = history();
    const verifier = new StreamVerifier(registry, 'ticket-1');
    verifier.push(opened);
    verifier.pushUnreadable(closed, 'unreadable metadata: a JSON array');
    expect(verifier.result().divergences.map((d) => [d.revision, d.kind])).toEqual([
      [1, 'revision'],
      [1, 'malformed'],
    ]);
  });

  it('after an event the machine throws on, later events are still checked against the chain', () => {
    const [opened, ana, closed, note1, note2] = history();
    // ana's data without `owner`: its hash breaks, and Closed's guard throws; the edited note is found too.
    expect(kinds([opened, edited(ana, {}), closed, edited(note1, { n: 7 })])).toEqual([
      [1, 'hash'],
      [2, 'allowed'],
      [3, 'hash'],
    ]);
    // The chain goes on from the stored hash of the event the machine threw on: a swap is still a break.
    expect(kinds([opened, edited(ana, {}), closed, note2, note1])).toEqual([
      [1, 'hash'],
      [2, 'allowed'],
      [3, 'revision'],
      [3, 'prevHash'],
      [4, 'revision'],
      [4, 'prevHash'],
    ]);
  });

  it('an event without an envelope stops the replay, and the next one is not held to its unknown hash', () => {
    const [opened, ana, closed, note] = history();
    expect(kinds([opened, { ...ana, metadata: { note: 'no envelope' } }, closed, note])).toEqual([[1, 'metadata']]);
  });

  it('an unregistered definition version stops the replay, not the chain check', () => {
    const events = history().map((e) => ({ ...e, metadata: { ...e.metadata, version: 9 } }));
    // Relabelled: every hash breaks (the version is hashed), and the first event names an unknown definition.
    expect(kinds(events)).toEqual([
      [0, 'definition'],
      [0, 'hash'],
      [1, 'hash'],
      [2, 'hash'],
      [3, 'hash'],
      [4, 'hash'],
    ]);
    expect(verifyStream(registry, 'ticket-1', events).events).toBe(5);
  });
});
