import { rmSync } from 'node:fs';
import { transition } from 'xstate';
import { GENESIS_HASH, hashEvent, initialState, stateToString, toMachineEvent, verifyStream, type UntrustedEvent } from '@apo/engine';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { auditRegistry } from '../index';
import { buildAuditStore, LIFE_STREAM } from '../testing/audit-fixtures';

const registry = auditRegistry();

/**
 * The replay as it was before `verifyStream` decided acceptance from one transition: `can`, then
 * XState's `transition`, for every event. Only the machine checks (from, allowed, to) and the state.
 */
function reference(events: readonly UntrustedEvent[]) {
  const meta = (e: UntrustedEvent) => e.metadata as { definition: string; version: number; from: string; to: string };
  const definition = registry.get(meta(events[0]).definition, meta(events[0]).version);
  let state = initialState(definition);
  const divergences: { revision: number; kind: string; expected: string; actual: string }[] = [];
  events.forEach((event, revision) => {
    if (meta(event).from !== state.state) divergences.push({ revision, kind: 'from', expected: state.state, actual: meta(event).from });
    const machineEvent = toMachineEvent({ type: event.type, data: event.data as object });
    if (!state.snapshot.can(machineEvent)) divergences.push({ revision, kind: 'allowed', expected: `an event allowed in ${state.state}`, actual: event.type });
    const [snapshot] = transition(definition.machine, state.snapshot, machineEvent);
    const to = stateToString(snapshot.value);
    if (meta(event).to !== to) divergences.push({ revision, kind: 'to', expected: to, actual: meta(event).to });
    state = { ...state, snapshot, state: to, context: snapshot.context };
  });
  return { divergences, state: state.state };
}

/** The events with the chain recomputed, so only what the machine says can diverge. */
function reseal(events: readonly UntrustedEvent[]): UntrustedEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event) => {
    const metadata: Record<string, unknown> = { ...(event.metadata as object), prevHash };
    delete metadata.hash;
    const hash = hashEvent({ ...event, metadata });
    prevHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

describe('verifyStream decides acceptance from one transition as can + transition did', () => {
  let dir: string;
  let life: UntrustedEvent[];

  beforeAll(async () => {
    dir = await buildAuditStore(0);
    const store = await openSqliteEventStore({ dataDir: dir });
    life = await store.readStream(LIFE_STREAM);
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the same from/allowed/to divergences and final state for every event type at every revision', () => {
    const definition = registry.get((life[0].metadata as { definition: string }).definition, (life[0].metadata as { version: number }).version);
    let refused = 0;
    for (let at = 0; at < life.length; at++) {
      for (const type of definition.eventTypes) {
        const events = reseal(life.map((e, i) => (i === at ? { ...e, type } : e)));
        const expected = reference(events);
        const actual = verifyStream(registry, LIFE_STREAM, events);
        expect(actual.divergences.map(({ streamId: _s, ...d }) => d)).toEqual(expected.divergences);
        expect(actual.finalState?.state).toBe(expected.state);
        if (expected.divergences.some((d) => d.kind === 'allowed')) refused++;
      }
    }
    // The sweep did exercise refusals, not only accepted events.
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});
