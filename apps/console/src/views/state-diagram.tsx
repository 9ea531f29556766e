import type { Programme } from './instance-actions';

/** The programme's state machine with `state` marked (for now: the state in words). */
export function StateDiagram({ state }: { programme: Programme; version?: number; state: string }) {
  return (
    <p>
      State: <strong>{state}</strong>
    </p>
  );
}
