import type { AnyStateMachine } from 'xstate';
import { machineGraph, type MachineState } from './machine-graph';

/** Mermaid's name of a state: its path joined with `_` (the root is `root`). */
const mermaidId = (id: string): string => id.replace(/\./g, '_') || 'root';

/**
 * A Mermaid `stateDiagram-v2` of a machine: compound states as nested blocks, guarded
 * transitions labelled `Event [guard]`, self-transitions (records) left out to keep it legible.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const graph = machineGraph(machine);
  const lines = ['stateDiagram-v2'];

  const block = (states: readonly MachineState[], initial: string | undefined, depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const state of states) {
      if (state.states.length > 0) {
        lines.push(`${pad}state "${state.key}" as ${mermaidId(state.id)} {`);
        block(state.states, state.initial, depth + 1);
        lines.push(`${pad}}`);
      } else {
        lines.push(`${pad}${mermaidId(state.id)} : ${state.key}`);
      }
    }
    if (initial !== undefined) lines.push(`${pad}[*] --> ${mermaidId(initial)}`);
    for (const state of states) if (state.type === 'final') lines.push(`${pad}${mermaidId(state.id)} --> [*]`);
  };
  block(graph.states, graph.initial, 1);

  const edges = new Set(
    graph.transitions.map(({ from, to, event, guard, toPriorState }) => {
      const label = toPriorState ? `${event} (to prior state)` : event;
      return `  ${mermaidId(from)} --> ${mermaidId(to)} : ${label}${guard ? ` [${guard}]` : ''}`;
    }),
  );
  return [...lines, ...edges].join('\n') + '\n';
}
