import type { AnyStateMachine } from 'xstate';
import { coeMachine } from '@apo/coe';

/** Every programme's machine, for generated docs (add a programme here to diagram it). */
export const workflowMachines: { name: string; title: string; machine: AnyStateMachine }[] = [
  { name: 'coe-lifecycle', title: 'COE life cycle (coe-lifecycle)', machine: coeMachine },
];
