import { allowedEvents, DefinitionRegistry, evolve, initialState, ManualClock, type EnvelopedEvent } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evolveInScope } from './evolve-in-scope';
import { WorkflowService } from './workflow-service';

it("folds a whole COE life (suspension, deep-history reinstatement) to exactly engine evolve's states", async () => {
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
      a = evolve(a, event);
      b = evolveInScope(b, event);
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
