import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { v5 as uuidv5 } from 'uuid';
import { assign, setup } from 'xstate';
import { allowedEventsOf } from './allowed-events';
import { quote } from './canonical-json';
import { decide, decideNext } from './decide';
import { allOf } from './guards';
import type { MachineEvent, WorkflowDefinition } from './definition';
import { uuidV5In } from './event-id';
import { GENESIS_HASH, hashEvent, seal, type EnvelopedEvent } from './envelope';
import { allowedEvents, evolve, fold, initialState, stateAfter, type WorkflowState } from './fold';
import { readInput } from './input';

/**
 * The shortcuts of the command path (allowedEvents kept per state value, decide's one step per
 * event and the snapshot it hands back, seal's event ids and metadata JSON, readInput's copy)
 * against the plain computations they replace.
 */

type Ctx = { owner?: string; votes: number };

/** Guards that read the context, one that reads the event, a compound state, a wildcard. */
function board(): WorkflowDefinition<Ctx> {
  const machine = setup({
    types: { context: {} as Ctx, events: {} as MachineEvent },
    guards: {
      hasOwner: ({ context }) => context.owner !== undefined,
      enoughVotes: ({ context }) => context.votes >= 2,
      notUrgent: ({ event }) => event.data.urgent !== true,
    },
    actions: {
      take: assign(({ event }) => ({ owner: event.data.owner as string })),
      vote: assign(({ context }) => ({ votes: context.votes + 1 })),
      release: assign({ owner: undefined }),
    },
  }).createMachine({
    id: 'board',
    initial: 'draft',
    context: { votes: 0 },
    states: {
      draft: { on: { Opened: 'open', Noted: { actions: 'vote' } } },
      open: {
        initial: 'idle',
        on: {
          Taken: { actions: 'take' },
          Released: { actions: 'release' },
          Voted: { actions: 'vote' },
          Closed: { target: 'closed', guard: allOf(['hasOwner', 'enoughVotes']) },
          Parked: { target: 'draft', guard: 'notUrgent' },
        },
        states: { idle: { on: { Started: 'busy' } }, busy: { on: { Paused: 'idle', Closed: { target: '#board.closed', guard: 'hasOwner' } } } },
      },
      closed: { type: 'final' },
    },
  });
  const emit = (type: string) => ({ roles: ['admin'], decide: (_: unknown, data: Record<string, unknown>) => [{ type, data }] });
  const types = ['Opened', 'Noted', 'Taken', 'Released', 'Voted', 'Closed', 'Parked', 'Started', 'Paused'];
  return {
    name: 'board',
    version: 1,
    streamPrefix: 'board',
    machine,
    eventTypes: types,
    commands: Object.fromEntries(types.map((t) => [t, emit(t)])),
    guardRules: { hasOwner: { code: 'BOARD.OWNER', message: 'needs an owner' } },
  };
}

const now = new Date('2026-01-01T00:00:00Z');
const actor = { id: 'u1', role: 'admin' };

/** Applies one command the plain way (decide, seal, evolve), as the engine did before. */
function apply(state: WorkflowState<Ctx>, type: string, data: Record<string, unknown> = {}): [WorkflowState<Ctx>, EnvelopedEvent[]] {
  const decision = decide(state.definition, state, { type, data }, now);
  if (!decision.ok) return [state, []];
  const events = seal({
    definition: state.definition,
    streamId: 'board-1',
    firstRevision: state.revision + 1,
    prevHash: state.lastHash,
    events: decision.events,
    command: { actor, commandId: `c${state.revision + 1}`, recordedAt: now.toISOString(), effectiveDate: '2026-01-01' },
  });
  return [events.reduce(evolve, state), events];
}

describe('allowedEvents kept per state value', () => {
  it('still follows the context in one state: a guard-dependent answer changes when the context does', () => {
    const def = board();
    let [state] = apply(initialState(def), 'Opened');
    const answers: string[][] = [];
    for (const [type, data] of [['Voted'], ['Taken', { owner: 'ana' }], ['Voted'], ['Released'], ['Taken', { owner: 'bo' }]] as [
      string,
      Record<string, unknown>?,
    ][]) {
      answers.push(allowedEvents(state));
      expect(allowedEvents(state)).toEqual(allowedEventsOf(def, state.snapshot));
      [state] = apply(state, type, data);
    }
    answers.push(allowedEvents(state));
    expect(allowedEvents(state)).toEqual(allowedEventsOf(def, state.snapshot));
    // Same state value (open.idle) all along; Closed comes and goes with owner and votes.
    expect(answers.map((a) => a.includes('Closed'))).toEqual([false, false, false, true, false, true]);
  });

  it('answers as `can` for every type, in every state of random histories', () => {
    const def = board();
    const step = fc.constantFrom<[string, Record<string, unknown>]>(
      ['Opened', {}],
      ['Noted', {}],
      ['Taken', { owner: 'x' }],
      ['Released', {}],
      ['Voted', {}],
      ['Closed', {}],
      ['Parked', {}],
      ['Parked', { urgent: true }],
      ['Started', {}],
      ['Paused', {}],
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (history) => {
        let state = initialState<Ctx>(def);
        for (const [type, data] of history) {
          expect(allowedEvents(state)).toEqual(allowedEventsOf(def, state.snapshot));
          [state] = apply(state, type, data);
        }
        expect(allowedEvents(state)).toEqual(allowedEventsOf(def, state.snapshot));
      }),
      { numRuns: 300 },
    );
  });
});

describe('decideNext', () => {
  it('decides as before and hands back the snapshot its events fold to', () => {
    const def = board();
    const step = fc.constantFrom('Opened', 'Noted', 'Taken', 'Released', 'Voted', 'Closed', 'Parked', 'Started', 'Paused', 'Unknown');
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (history) => {
        let state = initialState<Ctx>(def);
        for (const type of history) {
          const command = { type, data: type === 'Taken' ? { owner: 'x' } : {} };
          const { decision, snapshot } = decideNext(def, state, command, now);
          // Accepted exactly when XState's `can` accepts the event (asked before stepping, as decide did).
          if (type !== 'Unknown') expect(decision.ok).toBe(state.snapshot.can({ type, data: command.data }));
          const [next, events] = apply(state, command.type, command.data);
          if (!decision.ok) {
            expect(snapshot).toBeUndefined();
            continue;
          }
          const after = stateAfter(state, snapshot as NonNullable<typeof snapshot>, events);
          expect({ ...after, snapshot: undefined }).toEqual({ ...next, snapshot: undefined });
          expect(after.snapshot.value).toEqual(next.snapshot.value);
          expect(after.snapshot.context).toEqual(next.snapshot.context);
          expect(after.snapshot.status).toBe(next.snapshot.status);
          state = after;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an event the step leaves unchanged, naming the guard or the allowed events', () => {
    const def = board();
    const [open] = apply(initialState(def), 'Opened');
    expect(decideNext(def, open, { type: 'Closed', data: {} }, now).decision).toMatchObject({ ok: false, error: { code: 'BOARD.OWNER' } });
    expect(decideNext(def, initialState(def), { type: 'Paused', data: {} }, now).decision).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', allowedEvents: ['Opened', 'Noted'] },
    });
  });
});

describe('seal', () => {
  const eventId = uuidV5In('3f1c3c9e-7a43-4c55-9a35-0d0a6a2f5b7e');

  it('writes event ids exactly as the uuid package’s v5', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (name) => expect(eventId(name)).toBe(uuidv5(name, '3f1c3c9e-7a43-4c55-9a35-0d0a6a2f5b7e'))),
      { numRuns: 3_000 },
    );
    // A lone surrogate: the package throws (URIError), and so do we.
    expect(() => uuidv5('a\uD800b', '3f1c3c9e-7a43-4c55-9a35-0d0a6a2f5b7e')).toThrow(URIError);
    expect(() => eventId('a\uD800b')).toThrow(URIError);
  });

  /** hashEvent as it was first written: the whole body through the canonicalize package. */
  const referenceHash = (event: EnvelopedEvent): string => {
    const { hash: _ignored, ...metadata } = event.metadata;
    const body = canonicalize({ streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
    return createHash('sha256')
      .update(body as string)
      .digest('hex');
  };

  it('hashes its metadata exactly as canonical JSON does, whatever the strings and ids', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const odd = fc.oneof(text, fc.constant(undefined), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(
        text,
        text,
        odd,
        odd,
        text,
        fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.jsonValue({ maxDepth: 2 }),
        (id, role, correlationId, causationId, commandId, version, data) => {
          const def = { ...board(), version } as WorkflowDefinition;
          const events = seal({
            definition: def,
            streamId: 'board-1',
            firstRevision: 0,
            prevHash: GENESIS_HASH,
            events: [
              { type: 'Opened', data: { data } as Record<string, unknown>, from: 'draft', to: 'open.idle' },
              { type: 'Voted', data: {}, from: 'open.idle', to: 'open.idle' },
            ],
            command: {
              actor: { id, role },
              commandId,
              correlationId: correlationId as string,
              causationId: causationId as string,
              recordedAt: now.toISOString(),
              effectiveDate: '2026-01-01',
            },
          });
          for (const event of events) {
            expect(event.metadata.hash).toBe(referenceHash(event));
            expect(event.metadata.hash).toBe(hashEvent(event));
          }
          expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);
        },
      ),
      { numRuns: 1_000 },
    );
    // A version JSON cannot write is refused by the canonical writer, as before.
    const sealWith = (version: number) => () =>
      seal({
        definition: { ...board(), version },
        streamId: 'b-1',
        firstRevision: 0,
        prevHash: GENESIS_HASH,
        events: [{ type: 'Opened', data: {}, from: 'draft', to: 'open.idle' }],
        command: { actor, commandId: 'c', recordedAt: 'r', effectiveDate: 'e' },
      });
    expect(sealWith(Infinity)).toThrow('Infinity is not allowed');
    expect(sealWith(NaN)).toThrow('NaN is not allowed');
  });
});

it('quotes text exactly as JSON.stringify (quotes, backslashes, control characters, lone and paired surrogates)', () => {
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\ud800', '\udfff', '\ud83d\ude00', 'a', 'é'),
  );
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 20 }), (text) => expect(quote(text)).toBe(JSON.stringify(text))),
    { numRuns: 5_000 },
  );
});

it('keeps the key order of decided events and sealed metadata (and an event’s own extra keys)', () => {
  const def = board();
  const [open, [sealed]] = apply(initialState(def), 'Opened');
  expect(Object.keys(sealed)).toEqual(['streamId', 'revision', 'eventId', 'type', 'data', 'metadata']);
  expect(Object.keys(sealed.metadata)).toEqual([
    'definition',
    'version',
    'from',
    'to',
    'actor',
    'commandId',
    'correlationId',
    'causationId',
    'recordedAt',
    'effectiveDate',
    'prevHash',
    'hash',
  ]);
  const plain = decide(def, open, { type: 'Voted', data: {} }, now);
  expect(plain.ok && plain.events.map((e) => Object.keys(e))).toEqual([['type', 'data', 'from', 'to']]);
  const extra = {
    ...def,
    commands: {
      ...def.commands,
      Voted: {
        roles: ['admin'],
        decide: () => [
          { note: 'n', type: 'Voted', data: {} },
          { type: 'Voted', data: {}, to: 'kept?' },
        ],
      },
    },
  };
  const decided = decide(extra, open, { type: 'Voted', data: {} }, now);
  expect(decided.ok && decided.events).toEqual([
    { note: 'n', type: 'Voted', data: {}, from: 'open.idle', to: 'open.idle' },
    { type: 'Voted', data: {}, to: 'open.idle', from: 'open.idle' },
  ]);
  expect(decided.ok && decided.events.map((e) => Object.keys(e))).toEqual([
    ['note', 'type', 'data', 'from', 'to'],
    ['type', 'data', 'to', 'from'],
  ]);
});

describe('readInput', () => {
  /** The copy as it was first written. */
  const reference = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reference);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, reference(v)]),
    );
  };

  it('drops absent optional fields exactly as before (key order, nesting, a "__proto__" key)', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constant('__proto__')), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const ours = readInput({}, () => v);
        expect(ours).toStrictEqual(reference(v));
        if (typeof ours === 'object' && ours !== null) expect(JSON.stringify(ours)).toBe(JSON.stringify(reference(v)));
      }),
      { numRuns: 2_000 },
    );
    const own = readInput({}, () => JSON.parse('{"__proto__":{"a":1},"b":2}'));
    expect(Object.keys(own)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(own)).toBe(Object.prototype);
  });
});

it('fold, evolve and stateAfter agree on a whole history', () => {
  const def = board();
  let state = initialState<Ctx>(def);
  const all: EnvelopedEvent[] = [];
  for (const [type, data] of [['Opened'], ['Taken', { owner: 'a' }], ['Voted'], ['Voted'], ['Started'], ['Closed']] as [string, Record<string, unknown>?][]) {
    const [next, events] = apply(state, type, data);
    all.push(...events);
    state = next;
  }
  expect(fold(def, all).state).toBe('closed');
  expect(state.state).toBe('closed');
});
