import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { AnyWorkflowDefinition } from './definition';
import { stateNodes } from './state-nodes';
import { stateToString } from './state-value';

/** What allowedEvents asks XState for one event type: `can` with no payload. */
const can = (snapshot: AnyMachineSnapshot, type: string): boolean => snapshot.can({ type, data: {} });

/** The plain answer: `can` for every event type, in the definition's order. */
export const allowedEventsOf = (definition: AnyWorkflowDefinition, snapshot: AnyMachineSnapshot): string[] =>
  definition.eventTypes.filter((type) => can(snapshot, type));

/**
 * Per definition: which event types some guard can decide (asked of XState every time), and per
 * state value the answers for the others, which depend on the state value alone. Null when the
 * state value cannot serve as a key (a state key with `.` or `,` could make two values one string).
 */
interface Memo {
  readonly guarded: readonly boolean[];
  readonly byState: Map<string, readonly (boolean | undefined)[]>;
}

const memos = new WeakMap<AnyWorkflowDefinition, Memo | null>();

/**
 * XState's `can(event)` walks the active state nodes from the leaf up and takes, in each, the
 * first candidate transition for the event type (exact match, then wildcard descriptors) whose
 * guard passes; it is allowed when one is found that has a target or actions. When no transition
 * for a type, nor any wildcard transition, carries a guard anywhere in the machine, nothing in
 * that walk reads the context or the event: the answer is a function of the state value.
 */
function memoOf(definition: AnyWorkflowDefinition): Memo | null {
  let memo = memos.get(definition);
  if (memo !== undefined) return memo;
  const nodes = stateNodes((definition.machine as AnyStateMachine).root);
  const keysUsable = nodes.every((node) => Object.keys(node.states as object).every((key) => !key.includes('.') && !key.includes(',')));
  if (!keysUsable) {
    memo = null;
  } else {
    const guardedKeys = new Set<string>();
    let guardedWildcard = false;
    for (const node of nodes) {
      for (const [key, list] of node.transitions) {
        if (!list.some((transition) => transition.guard !== undefined)) continue;
        if (key.includes('*')) guardedWildcard = true;
        guardedKeys.add(key);
      }
    }
    memo = { guarded: definition.eventTypes.map((type) => guardedWildcard || guardedKeys.has(type)), byState: new Map() };
  }
  memos.set(definition, memo);
  return memo;
}

/**
 * The event types the machine accepts for this snapshot (guards are context-only by convention),
 * exactly as asking `can` for each type, but asking only for the types a guard can decide: the
 * others' answers are kept per state value, once per definition version.
 */
export function memoisedAllowedEvents(definition: AnyWorkflowDefinition, snapshot: AnyMachineSnapshot): string[] {
  const memo = snapshot.machine === definition.machine ? memoOf(definition) : null;
  if (memo === null) return allowedEventsOf(definition, snapshot);
  const key = stateToString(snapshot.value);
  const types = definition.eventTypes;
  let fixed = memo.byState.get(key);
  if (fixed === undefined) {
    fixed = types.map((type, i) => (memo.guarded[i] ? undefined : can(snapshot, type)));
    memo.byState.set(key, fixed);
  }
  const allowed: string[] = [];
  for (let i = 0; i < types.length; i++) {
    if (fixed[i] ?? can(snapshot, types[i])) allowed.push(types[i]);
  }
  return allowed;
}
