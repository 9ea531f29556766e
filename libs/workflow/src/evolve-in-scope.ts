import { createActor, type ActorScope, type AnyStateMachine } from 'xstate';
import { stateToString, toMachineEvent, type EnvelopedEvent, type WorkflowState } from '@apo/engine';

/**
 * `evolve` without xstate's per-call cost: `transition(machine, snapshot, event)` builds a new
 * inert actor (createActor + a system) on every call, ~85 % of a fold step for the COE machine
 * (profile in docs/benchmarks.md notes). Workflow machines are pure (guards and assign only, no
 * children, delays or effects: see WorkflowDefinition), so one inert scope per machine can be
 * reused; the next snapshot is the same as `evolve`'s (the specs compare both folds).
 * Belongs in @apo/engine's evolve/decide; kept here until that library takes it.
 */
const scopes = new WeakMap<AnyStateMachine, ActorScope<never, never>>();

const inertScope = (machine: AnyStateMachine): ActorScope<never, never> => {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => undefined,
      defer: () => undefined,
      system: self.system,
      stopChild: () => undefined,
      emit: () => undefined,
      actionExecutor: () => undefined,
    } as unknown as ActorScope<never, never>;
    scopes.set(machine, scope);
  }
  return scope;
};

export function evolveInScope<TContext>(state: WorkflowState<TContext>, event: EnvelopedEvent): WorkflowState<TContext> {
  const machine = state.definition.machine;
  const snapshot = machine.transition(state.snapshot as never, toMachineEvent(event) as never, inertScope(machine) as never);
  return {
    definition: state.definition,
    snapshot,
    state: stateToString(snapshot.value),
    context: snapshot.context as TContext,
    revision: event.revision,
    lastHash: event.metadata.hash,
  };
}
