import {
  allowedEvents,
  allowedEventsOf,
  DefinitionRegistry,
  evolve,
  fold,
  initialState,
  ManualClock,
  stateToString,
  type EnvelopedEvent,
  type WorkflowState,
} from '@apo/engine';
import { transition } from 'xstate';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowService } from './workflow-service';

/** The fold as XState's own `transition` helper computes it (a fresh inert actor per call). */
const byXState = (state: WorkflowState, event: EnvelopedEvent): WorkflowState => {
  const [snapshot] = transition(state.definition.machine, state.snapshot, { type: event.type, data: event.data });
  return { ...state, snapshot, state: stateToString(snapshot.value), context: snapshot.context, revision: event.revision, lastHash: event.metadata.hash };
};

it("engine evolve (one reused inert scope per machine) folds a whole COE life, suspension and deep-history reinstatement included, to exactly XState's transition", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evolve-'));
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    const coe = createCoeDefinition();
    const service = new WorkflowService(store, new DefinitionRegistry([coe]), new ManualClock(f.NOW));
    for (const step of f.coeLifeScript) {
      const answer = await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'c1', command: step.command, actor: { id: 'a', role: 'admin' } });
      // The state the service keeps after a command (the decision's own snapshot, not a second
      // fold) is the fold of the stored stream.
      const kept = (await service.loadStream('coe-c1', coe)).state;
      const folded = fold(coe, (await store.readStream('coe-c1')) as unknown as EnvelopedEvent[]);
      expect({ ...kept, snapshot: undefined }).toEqual({ ...folded, snapshot: undefined });
      expect(kept.snapshot.value).toEqual(folded.snapshot.value);
      expect(kept.snapshot.historyValue).toEqual(folded.snapshot.historyValue);
      expect(kept.snapshot.status).toBe(folded.snapshot.status);
      expect(answer.allowedEvents).toEqual(allowedEventsOf(coe, folded.snapshot));
    }
    const events = (await store.readStream('coe-c1')) as unknown as EnvelopedEvent[];
    let a = initialState(coe);
    let b = initialState(coe);
    for (const event of events) {
      a = byXState(a, event);
      b = evolve(b, event);
      expect({ ...b, snapshot: undefined }).toEqual({ ...a, snapshot: undefined });
      expect(b.snapshot.value).toEqual(a.snapshot.value);
      expect(Object.keys(b.snapshot.historyValue)).toEqual(Object.keys(a.snapshot.historyValue));
      // allowedEvents (kept per state value where no guard decides) against `can` for every type.
      expect(allowedEvents(b)).toEqual(allowedEventsOf(coe, a.snapshot));
    }
    expect(b.state).toBe('graduated');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
