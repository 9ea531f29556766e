import {
  allowedEventsOf,
  decideNext,
  initialState,
  machineStep,
  movedMeansAllowed,
  stateToString,
  type AnyWorkflowDefinition,
  type Command,
  type JsonObject,
  type MachineEvent,
  type WorkflowState,
} from '@apo/engine';
import { createBcnDefinition } from '@apo/bcn';
import { bcnLifeScript } from '@apo/bcn/testing';
import { createCoeDefinition, createCoeDefinitionV2 } from '@apo/coe';
import { coeLifeScript, coeLifeScriptV2 } from '@apo/coe/testing';
import fc from 'fast-check';
import { transition, type AnyMachineSnapshot } from 'xstate';

interface Life {
  /** The events a whole life decides, in order: a generated sequence starts with some of them (to reach deep states). */
  readonly events: MachineEvent[];
  /** Their payloads per event type: the data the generated events draw from. */
  readonly payloads: Map<string, JsonObject[]>;
}

function lifeOf(definition: AnyWorkflowDefinition, script: readonly { on: string; command: Command }[]): Life {
  const events: MachineEvent[] = [];
  const payloads = new Map<string, JsonObject[]>();
  let state: WorkflowState = initialState(definition);
  for (const { on, command } of script) {
    const { decision, snapshot } = decideNext(definition, state, command, new Date(`${on}T09:00:00Z`));
    if (!decision.ok || !snapshot) throw new Error(`${command.type} on ${on}: ${decision.ok ? 'no snapshot' : decision.error.message}`);
    for (const event of decision.events) {
      events.push({ type: event.type, data: event.data });
      payloads.set(event.type, [...(payloads.get(event.type) ?? []), event.data]);
    }
    state = { ...state, snapshot, state: stateToString(snapshot.value), context: snapshot.context };
  }
  return { events, payloads };
}

/** What a step leaves that anything downstream reads: the state, the context, the history, the status. */
const observed = (snapshot: AnyMachineSnapshot) => ({
  value: snapshot.value,
  context: snapshot.context,
  history: Object.fromEntries(Object.entries(snapshot.historyValue).map(([id, nodes]) => [id, nodes.map((node) => node.id)])),
  status: snapshot.status,
});

const outcome = <T>(run: () => T): { ok: true; value: T } | { ok: false; error: string } => {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
};

const programmes: [string, AnyWorkflowDefinition, readonly { on: string; command: Command }[]][] = [
  ['COE version 1', createCoeDefinition(), coeLifeScript],
  ['COE version 2', createCoeDefinitionV2(), coeLifeScriptV2],
  ['BCN', createBcnDefinition(), bcnLifeScript],
];

/** One generated event: mostly one the state allows now (so lives go deep), otherwise any type; its data from a real life. */
const pick = fc.record({ allowedOnly: fc.boolean(), type: fc.nat(), payload: fc.nat() });

describe.each(programmes)('the engine step on %s', (_, definition, script) => {
  const { events, payloads } = lifeOf(definition, script);
  const step = machineStep(definition.machine);
  const stepFirst = movedMeansAllowed(definition.machine);

  it("equals XState's transition and can on generated event sequences", () => {
    fc.assert(
      fc.property(fc.nat({ max: events.length }), fc.array(pick, { maxLength: 30 }), (lived, picks) => {
        let snapshot = initialState(definition).snapshot;
        const generated = picks.map(({ allowedOnly, type: t, payload: p }) => (current: AnyMachineSnapshot): MachineEvent => {
          const allowed = allowedEventsOf(definition, current);
          const types = allowedOnly && allowed.length > 0 ? allowed : definition.eventTypes;
          const type = types[t % types.length];
          const data = payloads.get(type) ?? [{}];
          return { type, data: data[p % data.length] };
        });
        const sequence = [...events.slice(0, lived).map((event) => () => event), ...generated];
        for (const [index, next] of sequence.entries()) {
          const event = next(snapshot);
          const ours = outcome(() => step(snapshot, event));
          const xstates = outcome(() => transition(definition.machine, snapshot, event)[0]);
          expect(ours.ok).toBe(xstates.ok);
          // A lived event is folded as it was decided: no action may throw on it.
          if (index < lived) expect(ours).toMatchObject({ ok: true });
          if (!ours.ok || !xstates.ok) return;
          expect(observed(ours.value)).toEqual(observed(xstates.value));
          // decide's acceptance: with `movedMeansAllowed`, a step that moved needs no `can`.
          const can = snapshot.can(event);
          if (stepFirst && ours.value !== snapshot) expect(can).toBe(true);
          if (can) snapshot = ours.value;
        }
      }),
      { numRuns: 150 },
    );
  });
});
