import { transition } from 'xstate';
import { decide } from '../decide';
import type { AnyWorkflowDefinition, Command, DecidedEvent, NewEvent } from '../definition';
import { DomainError } from '../errors';
import { initialState, toMachineEvent, type WorkflowState } from '../fold';
import { stateToString } from '../state-value';

/** Folds plain events (no envelopes); a given history the machine refuses is a broken test. */
export function stateFromEvents(definition: AnyWorkflowDefinition, events: readonly NewEvent[]): WorkflowState {
  let state = initialState(definition);
  for (const event of events) {
    const machineEvent = toMachineEvent(event);
    if (!state.snapshot.can(machineEvent)) throw new Error(`given: ${event.type} is not accepted in ${state.state}`);
    const [snapshot] = transition(definition.machine, state.snapshot, machineEvent);
    state = { ...state, snapshot, state: stateToString(snapshot.value), context: snapshot.context, revision: state.revision + 1 };
  }
  return state;
}

/** Runs commands in order and returns every event they produced; throws the first refusal. */
export function eventsOf(definition: AnyWorkflowDefinition, commands: readonly Command[], now: Date): DecidedEvent[] {
  const events: DecidedEvent[] = [];
  for (const command of commands) {
    const decision = decide(definition, stateFromEvents(definition, events), command, now);
    if (!decision.ok) throw new Error(`given: ${command.type} refused: ${decision.error.code} ${decision.error.message}`);
    events.push(...decision.events);
  }
  return events;
}

/** `effectiveDate`: the event's own business date (undefined: the command's date field applies). */
type Expected = { type: string; data?: Record<string, unknown>; to?: string; effectiveDate?: string };

/**
 * given(history).when(command).then(events) / .thenRefuses(code): the business rules as
 * executable specifications (Emmett's shape, on our decide).
 */
export function specification(definition: AnyWorkflowDefinition, now: Date) {
  return {
    /** The history, as the commands that produced it (so fixtures stay valid as rules evolve). */
    given(history: readonly Command[] = []) {
      const given = eventsOf(definition, history, now);
      return {
        when(type: string, data: Record<string, unknown> = {}) {
          const run = () => decide(definition, stateFromEvents(definition, given), { type, data }, now);
          return {
            then(...expected: Expected[]): readonly DecidedEvent[] {
              const decision = run();
              if (!decision.ok) throw new Error(`expected events, got ${decision.error.code}: ${decision.error.message}`);
              expect(decision.events).toHaveLength(expected.length);
              expected.forEach((e, i) => {
                expect(decision.events[i].type).toBe(e.type);
                if (e.data) expect(decision.events[i].data).toMatchObject(e.data);
                if (e.to) expect(decision.events[i].to).toBe(e.to);
                if (e.effectiveDate) expect(decision.events[i].effectiveDate).toBe(e.effectiveDate);
              });
              return decision.events;
            },
            thenRefuses(code: string, details?: Record<string, unknown>): DomainError {
              const decision = run();
              if (decision.ok) throw new Error(`expected ${code}, got events ${decision.events.map((e) => e.type).join(', ')}`);
              expect(decision.error.code).toBe(code);
              if (details) expect(decision.error.details).toMatchObject(details);
              return decision.error;
            },
          };
        },
      };
    },
  };
}
