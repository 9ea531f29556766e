import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { memoisedAllowedEvents } from './allowed-events';
import type { AnyWorkflowDefinition, MachineEvent } from './definition';
import { GENESIS_HASH, type EnvelopedEvent } from './envelope';
import { machineStep } from './machine-step';
import { stateToString } from './state-value';

/** An instance as folded from its stream. `revision` is -1 before the first event. */
export interface WorkflowState<TContext = unknown> {
  readonly definition: AnyWorkflowDefinition;
  readonly snapshot: AnyMachineSnapshot;
  readonly state: string;
  readonly context: TContext;
  readonly revision: number;
  /** Hash of the last event, the `prevHash` of the next one. */
  readonly lastHash: string;
}

export function initialState<TContext>(definition: AnyWorkflowDefinition): WorkflowState<TContext> {
  const [snapshot] = initialTransition(definition.machine);
  return fromSnapshot(definition, snapshot, -1, GENESIS_HASH);
}

export const toMachineEvent = (event: { type: string; data: object }): MachineEvent => ({
  type: event.type,
  data: event.data as MachineEvent['data'],
});

/** Applies one stored event with XState's pure transition (no checks: see `verifyStream`). */
export function evolve<TContext>(state: WorkflowState<TContext>, event: EnvelopedEvent): WorkflowState<TContext> {
  const snapshot = machineStep(state.definition.machine)(state.snapshot, toMachineEvent(event));
  return fromSnapshot(state.definition, snapshot, event.revision, event.metadata.hash);
}

/**
 * The state after `events` were appended onto `state`, given the snapshot their fold reaches
 * (as `decideNext` hands it back): `fold(state.definition, events, state)` without the steps.
 */
export function stateAfter<TContext>(state: WorkflowState<TContext>, snapshot: AnyMachineSnapshot, events: readonly EnvelopedEvent[]): WorkflowState<TContext> {
  if (events.length === 0) return state;
  const last = events[events.length - 1];
  return fromSnapshot(state.definition, snapshot, last.revision, last.metadata.hash);
}

/** Rebuilds an instance from its events, starting from `from` (a cached state) or the beginning. */
export function fold<TContext>(
  definition: AnyWorkflowDefinition,
  events: Iterable<EnvelopedEvent>,
  from: WorkflowState<TContext> = initialState<TContext>(definition),
): WorkflowState<TContext> {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

function fromSnapshot<TContext>(definition: AnyWorkflowDefinition, snapshot: AnyMachineSnapshot, revision: number, lastHash: string): WorkflowState<TContext> {
  return {
    definition,
    snapshot,
    state: stateToString(snapshot.value),
    context: snapshot.context as TContext,
    revision,
    lastHash,
  };
}

/**
 * Event types the machine accepts in this state (guards are context-only by convention): `can`
 * for every type, with the answers no guard can change kept per state value (see allowed-events.ts).
 */
export function allowedEvents(state: WorkflowState): string[] {
  return memoisedAllowedEvents(state.definition, state.snapshot);
}
