import { stateToString, type AnyWorkflowDefinition, type WorkflowState } from '@apo/engine';
import { createActor } from 'xstate';
import type { WireHandover } from './fold-wire';

/** A state the fold worker handed over, revived only when a live event needs it. */
export interface HandedOverState {
  readonly revision: number;
  revive(): WorkflowState;
}

/**
 * A folded state back from XState's persisted snapshot, as the workflow's snapshot cache
 * restores one (`createActor` without starting it revives deep history).
 */
export function handedOver(definition: AnyWorkflowDefinition, wire: WireHandover): HandedOverState {
  return {
    revision: wire.revision,
    revive: () => {
      const snapshot = createActor(definition.machine, { snapshot: wire.snapshot as never }).getSnapshot();
      return { definition, snapshot, state: stateToString(snapshot.value), context: snapshot.context, revision: wire.revision, lastHash: wire.lastHash };
    },
  };
}
