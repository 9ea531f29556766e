import type { AnyStateMachine } from 'xstate';
import { createDefinitions, PROGRAMMES } from '@apo/programmes';

/**
 * Every programme's machine (the latest version of each definition), for generated docs: a
 * programme added to libs/programmes is diagrammed by `npm run diagrams` with no change here.
 */
export const workflowMachines: { name: string; title: string; machine: AnyStateMachine }[] = PROGRAMMES.map((p) => {
  const latest = createDefinitions()
    .filter((d) => d.name === p.definition)
    .reduce((a, b) => (b.version > a.version ? b : a));
  return { name: p.definition, title: `${p.label} life cycle (${p.definition})`, machine: latest.machine };
});
