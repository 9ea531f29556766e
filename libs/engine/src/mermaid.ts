import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { guardLabel } from './guards';

/**
 * A Mermaid `stateDiagram-v2` of a machine: compound states as nested blocks, guarded
 * transitions labelled `Event [guard]`, self-transitions (records) left out to keep it legible.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const idOf = (node: AnyStateNode): string => node.path.join('_') || 'root';

  const walk = (node: AnyStateNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      if (child.type === 'history') continue;
      if (Object.keys(child.states).length > 0) {
        lines.push(`${pad}state "${child.key}" as ${idOf(child)} {`);
        walk(child, depth + 1);
        lines.push(`${pad}}`);
      } else {
        lines.push(`${pad}${idOf(child)} : ${child.key}`);
      }
    }
    if (node.initial?.target?.[0]) lines.push(`${pad}[*] --> ${idOf(node.initial.target[0])}`);
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      if (child.type === 'final') lines.push(`${pad}${idOf(child)} --> [*]`);
    }
  };
  walk(machine.root, 1);

  const edges = new Set<string>();
  const collect = (node: AnyStateNode): void => {
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        for (const target of t.target ?? []) {
          const to = target.type === 'history' && target.parent ? target.parent : target;
          const guard = t.guard ? ` [${guardLabel(t.guard)}]` : '';
          const label = target.type === 'history' ? `${event} (to prior state)` : event;
          edges.add(`  ${idOf(node)} --> ${idOf(to)} : ${label}${guard}`);
        }
      }
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) collect(child);
  };
  collect(machine.root);
  return [...lines, ...edges].join('\n') + '\n';
}
