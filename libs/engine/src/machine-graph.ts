import type { AnyStateMachine } from 'xstate';
import { guardLabel } from './guards';
import type { AnyStateNode } from './state-nodes';

/** One state of a machine: `id` is its path joined with dots (`active.delivery.year1`), as an instance's `state` names it. */
export interface MachineState {
  readonly id: string;
  readonly key: string;
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final';
  /** A compound state's initial child (its id). */
  readonly initial?: string;
  /** A compound state's children, in the machine's order. */
  readonly states: readonly MachineState[];
}

/** An event that moves the machine: from a state (a compound state: any of its children) to another. */
export interface MachineTransition {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  /** The named guards the transition needs, joined with `and`. */
  readonly guard?: string;
  /** A history target: the machine returns to the state it was in inside `to`. */
  readonly toPriorState: boolean;
}

/** A machine as data: its states (nested) and the transitions between them (self-transitions that only record are left out). */
export interface MachineGraph {
  /** The root's initial state (its id). */
  readonly initial?: string;
  readonly states: readonly MachineState[];
  readonly transitions: readonly MachineTransition[];
}

const idOf = (node: AnyStateNode): string => node.path.join('.');
const childrenOf = (node: AnyStateNode): AnyStateNode[] => (Object.values(node.states) as AnyStateNode[]).filter((child) => child.type !== 'history');

function stateOf(node: AnyStateNode): MachineState {
  const initial = node.initial?.target?.[0];
  return {
    id: idOf(node),
    key: node.key,
    type: node.type as MachineState['type'],
    ...(initial ? { initial: idOf(initial) } : {}),
    states: childrenOf(node).map(stateOf),
  };
}

/** The one walk over a machine that the API (GET /definitions/.../machine), the console's diagram and toMermaid share. */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const transitions = new Map<string, MachineTransition>();
  const collect = (node: AnyStateNode): void => {
    for (const [event, definitions] of node.transitions) {
      for (const t of definitions) {
        for (const target of t.target ?? []) {
          const toPriorState = target.type === 'history';
          const to = toPriorState && target.parent ? target.parent : target;
          const transition: MachineTransition = { from: idOf(node), to: idOf(to), event, ...(t.guard ? { guard: guardLabel(t.guard) } : {}), toPriorState };
          transitions.set(JSON.stringify(transition), transition);
        }
      }
    }
    childrenOf(node).forEach(collect);
  };
  collect(machine.root);
  const root = stateOf(machine.root);
  return { ...(root.initial ? { initial: root.initial } : {}), states: root.states, transitions: [...transitions.values()] };
}
