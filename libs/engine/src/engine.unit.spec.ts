import fc from 'fast-check';
import { assign, setup } from 'xstate';
import { canonicalJson } from './canonical-json';
import { decide } from './decide';
import type { MachineEvent, WorkflowDefinition } from './definition';
import { GENESIS_HASH, requestHashOf, seal, type EnvelopedEvent } from './envelope';
import { fold, initialState } from './fold';
import { readInput } from './input';
import { DefinitionRegistry } from './registry';
import { stateToString } from './state-value';
import { verifyStream } from './verify';

/** A two-step ticket workflow, just enough to exercise the engine without any programme. */
function ticket(version: number, closeNeedsOwner: boolean): WorkflowDefinition<{ owner?: string }> {
  const machine = setup({
    types: { context: {} as { owner?: string }, events: {} as MachineEvent },
    guards: { hasOwner: ({ context }) => !closeNeedsOwner || context.owner !== undefined },
    actions: { take: assign(({ event }) => ({ owner: event.data.owner as string })) },
  }).createMachine({
    id: 'ticket',
    initial: 'new',
    context: {},
    states: {
      new: { on: { Opened: 'open' } },
      open: { on: { Taken: { actions: 'take' }, Closed: { target: 'closed', guard: 'hasOwner' } } },
      closed: { type: 'final' },
    },
  });
  const emit = (type: string) => ({ roles: ['admin'], decide: (_: unknown, data: Record<string, unknown>) => [{ type, data }] });
  return {
    name: 'ticket',
    version,
    streamPrefix: 'ticket',
    machine,
    eventTypes: ['Opened', 'Taken', 'Closed'],
    commands: { Open: emit('Opened'), Take: emit('Taken'), Close: emit('Closed') },
    guardRules: { hasOwner: { code: 'TICKET.OWNER_REQUIRED', message: 'a ticket needs an owner to close' } },
  };
}

const now = new Date('2026-01-01T00:00:00Z');
const actor = { id: 'u1', role: 'admin' };

function store(definition: WorkflowDefinition<{ owner?: string }>, commands: [string, Record<string, unknown>][]): EnvelopedEvent[] {
  const events: EnvelopedEvent[] = [];
  commands.forEach(([type, data], i) => {
    const state = fold(definition, events);
    const decision = decide(definition, state, { type, data }, now);
    if (!decision.ok) throw decision.error;
    events.push(
      ...seal({
        definition,
        streamId: 'ticket-1',
        firstRevision: state.revision + 1,
        prevHash: state.lastHash,
        events: decision.events,
        command: { actor, commandId: `c${i}`, recordedAt: now.toISOString(), effectiveDate: '2026-01-01' },
      }),
    );
  });
  return events;
}

describe('engine', () => {
  it('decide names the failing guard’s rule, or the events allowed now', () => {
    const v1 = ticket(1, true);
    const open = fold(v1, store(v1, [['Open', {}]]));
    const refusal = decide(v1, open, { type: 'Close', data: {} }, now);
    expect(refusal).toMatchObject({ ok: false, error: { code: 'TICKET.OWNER_REQUIRED' } });
    const illegal = decide(v1, initialState(v1), { type: 'Close', data: {} }, now);
    expect(illegal).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION', allowedEvents: ['Opened'] } });
    expect(decide(v1, open, { type: 'Reopen', data: {} }, now)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('records from and to states and chains hashes from the genesis hash', () => {
    const v1 = ticket(1, true);
    const events = store(v1, [
      ['Open', {}],
      ['Take', { owner: 'ana' }],
      ['Close', {}],
    ]);
    expect(events.map((e) => [e.metadata.from, e.metadata.to])).toEqual([
      ['new', 'open'],
      ['open', 'open'],
      ['open', 'closed'],
    ]);
    expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
    expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
  });

  it('seals an event’s own business date over the command’s, and keeps it out of the data', () => {
    const v1 = ticket(1, true);
    const decided = [
      { type: 'Opened', data: {}, from: 'new', to: 'open', effectiveDate: '2015-04' },
      { type: 'Taken', data: { owner: 'ana' }, from: 'open', to: 'open' },
    ];
    const command = { actor, commandId: 'c0', recordedAt: now.toISOString(), effectiveDate: '2026-01-01' };
    const [opened, taken] = seal({ definition: v1, streamId: 'ticket-1', firstRevision: 0, prevHash: GENESIS_HASH, events: decided, command });
    expect([opened.metadata.effectiveDate, taken.metadata.effectiveDate]).toEqual(['2015-04', '2026-01-01']);
    expect(opened.data).toEqual({});
    expect(verifyStream(new DefinitionRegistry([v1]), 'ticket-1', [opened, taken]).divergences).toEqual([]);
  });

  it('gives two seals of one command id the same event ids only when they seal the same events', () => {
    // A store drops an append whose ids it holds: ids shared by another request under the same key,
    // or a retry sealed at another moment (by another API process), would be reported as stored.
    const v1 = ticket(1, true);
    const envelope = fc.record({
      recordedAt: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z'),
      correlationId: fc.constantFrom(undefined, 'req-1', 'req-2'),
      causationId: fc.constantFrom(undefined, 'c-1'),
      owner: fc.constantFrom('ana', 'bo'),
    });
    fc.assert(
      fc.property(envelope, envelope, (a, b) => {
        const sealed = ({ owner, ...rest }: typeof a) =>
          seal({
            definition: v1,
            streamId: 'ticket-1',
            firstRevision: 1,
            prevHash: GENESIS_HASH,
            events: [{ type: 'Taken', data: { owner }, from: 'open', to: 'open' }],
            // A caller's command id always comes with the request's hash (WorkflowService).
            command: { actor, commandId: 'idem:u1:key-1', effectiveDate: '2026-01-01', ...rest, requestHash: requestHashOf({ type: 'Take', data: { owner } }) },
          })[0];
        const [first, second] = [sealed(a), sealed(b)];
        expect(first.eventId === second.eventId).toBe(first.metadata.hash === second.metadata.hash);
      }),
    );
  });

  it('replays a stream with the version it was written with, not the latest', () => {
    const v1 = ticket(1, false);
    const v2 = ticket(2, true);
    const registry = new DefinitionRegistry([v1, v2]);
    expect(registry.latest('ticket').version).toBe(2);
    const writtenWithV1 = store(v1, [
      ['Open', {}],
      ['Close', {}],
    ]);
    expect(verifyStream(registry, 'ticket-1', writtenWithV1).divergences).toEqual([]);
    // The same history claimed as v2 is not reproducible: v2 refuses closing without an owner.
    const registryV2Only = new DefinitionRegistry([v2]);
    const relabelled = writtenWithV1.map((e) => ({ ...e, metadata: { ...e.metadata, version: 2 } }));
    const kinds = verifyStream(registryV2Only, 'ticket-1', relabelled).divergences.map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['hash', 'allowed', 'to']));
  });

  it('verify reports a forged XState event (xstate.stop) as not allowed, though it changes the snapshot', () => {
    const v1 = ticket(1, true);
    const events = store(v1, [['Open', {}]]);
    const forged = seal({
      definition: v1,
      streamId: 'ticket-1',
      firstRevision: 1,
      prevHash: events[0].metadata.hash,
      events: [{ type: 'xstate.stop', data: {}, from: 'open', to: 'open' }],
      command: { actor, commandId: 'forged', recordedAt: now.toISOString(), effectiveDate: '2026-01-01' },
    });
    const divergences = verifyStream(new DefinitionRegistry([v1]), 'ticket-1', [...events, ...forged]).divergences;
    expect(divergences).toEqual([expect.objectContaining({ revision: 1, kind: 'allowed', actual: 'xstate.stop' })]);
  });

  it('refuses to register a version twice or reuse a stream prefix', () => {
    expect(() => new DefinitionRegistry([ticket(1, true), ticket(1, false)])).toThrow(/registered twice/);
    expect(() => new DefinitionRegistry([ticket(1, true), { ...ticket(1, true), name: 'other' }])).toThrow(/stream prefix/);
  });

  it('canonical JSON sorts keys and is stable', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'] })).toBe('{"a":[true,null,"é"],"b":1}');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('writes nested state values as one dotted string', () => {
    expect(stateToString({ active: { delivery: 'year2' } })).toBe('active.delivery.year2');
    expect(stateToString('applied')).toBe('applied');
  });

  it('input reading names every bad field at once', () => {
    expect(() =>
      readInput({ a: '', b: '2025-13-01', c: 7, d: [{ x: 1 }] }, (r) => [
        r.string('a'),
        r.date('b'),
        r.integer('c', 1, 5),
        r.list('d', (i) => i.string('x')),
        r.string('e'),
      ]),
    ).toThrow(
      expect.objectContaining({
        fields: [
          { field: 'a', message: 'must be a non-empty string' },
          { field: 'b', message: 'must be a calendar date YYYY-MM-DD' },
          { field: 'c', message: 'must be an integer from 1 to 5' },
          { field: 'd[0].x', message: 'must be a non-empty string' },
          { field: 'e', message: 'is required' },
        ],
      }),
    );
  });
});
