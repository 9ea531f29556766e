import type { AnyStateMachine, StateValue } from 'xstate';

export type AnyStateNode = AnyStateMachine['root'];

/** Every state node of a machine, the root first. */
export const stateNodes = (node: AnyStateNode): AnyStateNode[] => [node, ...Object.values(node.states as Record<string, AnyStateNode>).flatMap(stateNodes)];

/** The state nodes a state value has active, the root first (parents before their children). */
export function activeStateNodes(node: AnyStateNode, value: StateValue): AnyStateNode[] {
  const states = node.states as Record<string, AnyStateNode>;
  if (typeof value === 'string') return states[value] ? [node, states[value]] : [node];
  return [node, ...Object.entries(value).flatMap(([key, child]) => (states[key] ? activeStateNodes(states[key], child ?? {}) : []))];
}
