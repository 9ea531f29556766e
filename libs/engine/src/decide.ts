import type { AnyMachineSnapshot } from 'xstate';
import type { AnyWorkflowDefinition, Command, DecidedEvent, Decision, MachineEvent, NewEvent } from './definition';
import { DomainError, IllegalTransition, RuleViolation, ValidationError } from './errors';
import { allowedEvents, toMachineEvent, type WorkflowState } from './fold';
import { namedGuards } from './guards';
import { machineStep, movedMeansAllowed } from './machine-step';
import { activeStateNodes } from './state-nodes';
import { stateToString } from './state-value';

/**
 * The pure command step: (state, command, now) -> events, or a typed domain error.
 * The definition's command produces events; each must then be accepted by the machine in turn,
 * otherwise the refusal names the failing guard's rule (RuleViolation) or the events allowed now
 * (IllegalTransition).
 */
export function decide(definition: AnyWorkflowDefinition, state: WorkflowState, command: Command, now: Date): Decision {
  return decideNext(definition, state, command, now).decision;
}

/** `decide`, plus the machine snapshot after its events (the state the events fold to). */
export interface DecisionWithSnapshot {
  readonly decision: Decision;
  /** Set when the decision is ok: what folding the decided events onto `state` gives. */
  readonly snapshot?: AnyMachineSnapshot;
}

/**
 * `decide` that also hands back the snapshot its machine steps arrived at, so a caller that
 * appends the events need not fold them again. The machine takes each event in one step; `can` is
 * asked only when the step changed nothing (see `movedMeansAllowed`), or always for a machine
 * where a step can move without a transition `can` accepts.
 */
export function decideNext(definition: AnyWorkflowDefinition, state: WorkflowState, command: Command, now: Date): DecisionWithSnapshot {
  const spec = Object.hasOwn(definition.commands, command.type) ? definition.commands[command.type] : undefined;
  if (!spec) {
    const known = Object.keys(definition.commands).join(', ');
    // Named with the version: an instance started on an older version has that version's commands only.
    const message = `unknown command ${command.type} for ${definition.name} version ${definition.version}; known: ${known}`;
    return { decision: { ok: false, error: new ValidationError([{ field: 'type', message }]) } };
  }
  try {
    const iso = now.toISOString();
    const planned = spec.decide({ state: state.state, context: state.context, now: iso, today: iso.slice(0, 10) }, command.data);
    const step = machineStep(definition.machine);
    const stepFirst = movedMeansAllowed(definition.machine);
    let snapshot = state.snapshot;
    let from = stateToString(snapshot.value);
    const events: DecidedEvent[] = [];
    for (const event of planned) {
      // A programming error, not a refusal: the definition says what this command makes (`emits`), and the console relies on it.
      if (spec.emits && !spec.emits.includes(event.type))
        throw new Error(`${definition.name} command ${command.type} appended ${event.type}, not in its emits`);
      const machineEvent = toMachineEvent(event);
      let next: AnyMachineSnapshot;
      if (stepFirst && !machineEvent.type.startsWith('xstate.')) {
        next = step(snapshot, machineEvent);
        if (next === snapshot && !snapshot.can(machineEvent)) throw refusal(definition, snapshot, machineEvent, state);
      } else {
        if (!snapshot.can(machineEvent)) throw refusal(definition, snapshot, machineEvent, state);
        next = step(snapshot, machineEvent);
      }
      const to = stateToString(next.value);
      events.push(withStates(event, from, to));
      snapshot = next;
      from = to;
    }
    return { decision: { ok: true, events }, snapshot };
  } catch (error) {
    if (error instanceof DomainError) return { decision: { ok: false, error } };
    throw error;
  }
}

/**
 * `{ ...event, from, to }`: written out when the event is the plain `{ type, data }` a command
 * returns (on Node 20 a spread followed by more properties costs microseconds), spread otherwise.
 */
function withStates(event: NewEvent, from: string, to: string): DecidedEvent {
  const keys = Object.keys(event);
  if (keys.length === 2 && keys[0] === 'type' && keys[1] === 'data' && Object.getOwnPropertySymbols(event).length === 0) {
    return { type: event.type, data: event.data, from, to };
  }
  return { ...event, from, to };
}

/** Why the machine refused: a named guard with a rule, or no transition at all. */
function refusal(definition: AnyWorkflowDefinition, snapshot: AnyMachineSnapshot, event: MachineEvent, state: WorkflowState): DomainError {
  const failed = failedRule(definition, snapshot, event);
  if (failed) return failed;
  const current = snapshot === state.snapshot ? state : { ...state, snapshot };
  return new IllegalTransition(event.type, stateToString(snapshot.value), allowedEvents(current));
}

/** The first named guard with a rule that refuses `event` on a transition the state has for it. */
function failedRule(definition: AnyWorkflowDefinition, snapshot: AnyMachineSnapshot, event: MachineEvent): RuleViolation | undefined {
  const guards = definition.machine.implementations.guards as Record<string, (args: unknown, params: unknown) => boolean>;
  for (const node of activeStateNodes(definition.machine.root, snapshot.value)) {
    for (const candidate of node.transitions.get(event.type) ?? []) {
      for (const { name, params } of namedGuards(candidate.guard)) {
        const rule = definition.guardRules[name];
        if (rule && guards[name] && !guards[name]({ context: snapshot.context, event }, params)) {
          const explained = rule.explain?.({ context: snapshot.context, event });
          return new RuleViolation(rule.code, explained?.message ?? rule.message, { ...explained?.details, guard: name, state: stateToString(snapshot.value) });
        }
      }
    }
  }
  return undefined;
}
