import { allowedEvents, DefinitionRegistry, evolve, initialState, ManualClock, stateToString, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
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
    for (const step of f.coeLifeScript) await service.execute({ definition: COE_DEFINITION_NAME, instanceId: 'c1', command: step.command, actor: { id: 'a', role: 'admin' } });
    const events = (await store.readStream('coe-c1')) as unknown as EnvelopedEvent[];
    let a = initialState(coe);
    let b = initialState(coe);
    for (const event of events) {
      a = byXState(a, event);
      b = evolve(b, event);
      expect({ ...b, snapshot: undefined }).toEqual({ ...a, snapshot: undefined });
      expect(b.snapshot.value).toEqual(a.snapshot.value);
      expect(Object.keys(b.snapshot.historyValue)).toEqual(Object.keys(a.snapshot.historyValue));
      expect(allowedEvents(b)).toEqual(allowedEvents(a));
    }
    expect(b.state).toBe('graduated');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
