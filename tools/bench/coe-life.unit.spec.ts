import fc from 'fast-check';
import { systemClock } from '@apo/engine';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { WorkflowService } from '@apo/workflow';
import { COE_LIFE_END, COE_LIFE_LENGTH, coeLife, engineRequest, httpRequest } from './coe-life';
import { removeDir, scratchDir } from './workload';

describe('the HTTP bench COE life', () => {
  it('is accepted command by command on the API clock and ends with the cycle completed', async () => {
    const dir = scratchDir();
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      // The API's registry and clock: new COEs on version 2, "today" is the real day.
      const service = new WorkflowService(store, createRegistry(), systemClock);
      const life = coeLife('life-1');
      const states: string[] = [];
      for (const command of life) states.push((await service.execute(engineRequest('life-1', command))).state);
      expect(life).toHaveLength(COE_LIFE_LENGTH);
      expect(states.slice(0, 3)).toEqual(['applied', 'underReview', 'active.designation']);
      expect(states.at(-1)).toBe(COE_LIFE_END);
    } finally {
      await store.close();
      removeDir(dir);
    }
  });

  it('sends every command to its route with its data as the body, whatever the COE id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        for (const command of coeLife(id)) {
          const { path, body } = httpRequest(id, command);
          expect(path.split('/').slice(0, 3)).toEqual(['', 'coes', encodeURIComponent(id)]);
          expect(JSON.parse(body)).toEqual(command.data);
        }
      }),
      { numRuns: 20 },
    );
  });
});
