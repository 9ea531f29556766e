import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as b from '@apo/bcn/testing';
import { BCN_DEFINITION_NAME, createBcnDefinition } from '@apo/bcn';
import { DefinitionRegistry, ManualClock, verifyStream, type Command, type EnvelopedEvent } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { isSealedPersonal } from '@apo/personal-data';
import { memoryPersonalData } from '@apo/personal-data/testing';
import { WorkflowService } from './workflow-service';

const registry = new DefinitionRegistry([createBcnDefinition()]);
const assessor = { id: 'assessor:ana', role: 'assessor' };
const admin = { id: 'admin:ana', role: 'admin' };
const NAME = /^[A-Z][a-z]{3,12} [A-Z][a-z]{3,12}$/;

describe('personal fields on the command path', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'personal-fields-'));
    store = await openSqliteEventStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (service: WorkflowService, id: string, command: Command, actor = assessor) =>
    service.execute({ definition: BCN_DEFINITION_NAME, instanceId: id, command, actor });
  const approved = async (service: WorkflowService, id: string) => {
    await run(service, id, b.draft());
    await run(service, id, b.submit());
    await run(service, id, b.approve(), admin);
  };

  it('stores every name sealed (never in clear), hashed as stored; the state folded in memory is the one a cold load folds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(NAME), { minLength: 1, maxLength: 4 }), fc.nat(), async (names, n) => {
        const personal = memoryPersonalData();
        const service = new WorkflowService(store, registry, new ManualClock(b.NOW), { personalData: personal });
        const id = `x-${n}-${names.length}-${Math.random().toString(36).slice(2, 8)}`;
        await approved(service, id);
        const participants = names.map((name, i) => ({
          ...(i === 0 ? { personId: `np-${id}` } : {}),
          name,
          position: `Chief ${name}`,
          category: 'npoOfficial',
        }));
        const answer = await run(service, id, b.schedule({ participants }));
        const events = await store.readStream(`bcn-${id}`);
        const stored = JSON.stringify(events.map((e) => [e.data, e.metadata]));
        for (const name of names) expect(stored).not.toContain(name);
        const roster = (events[3].data as { participants: { personId: string; name: unknown; position: unknown }[] }).participants;
        expect(roster.every((p) => isSealedPersonal(p.name) && isSealedPersonal(p.position))).toBe(true);
        // The NPO's id kept, the others made up (no trace of the person).
        expect(roster[0].personId).toBe(`np-${id}`);
        for (const p of roster.slice(1)) expect(p.personId).toMatch(/^p-[0-9a-f-]{36}$/);
        // The chain covers the ciphertext: the stream verifies as stored.
        expect(verifyStream(registry, `bcn-${id}`, events as unknown as EnvelopedEvent[]).divergences).toEqual([]);
        // A cold load folds the same state as the command's answer; opened, it gives the names back.
        const cold = await new WorkflowService(store, registry, new ManualClock(b.NOW), { personalData: personal }).get(BCN_DEFINITION_NAME, id);
        expect(cold.details).toEqual(answer.details);
        const opened = await personal.open(answer.details);
        expect((opened as { schedule: { participants: { name: string }[] } }).schedule.participants.map((p) => p.name)).toEqual(names);
      }),
      { numRuns: 15 },
    );
  });

  it('without a personal-data sealer, a roster is refused and nothing is stored; an erased subject reads erased and is not taken again', async () => {
    const bare = new WorkflowService(store, registry, new ManualClock(b.NOW));
    await approved(bare, 'e1');
    await expect(run(bare, 'e1', b.schedule())).rejects.toThrow('ExchangeScheduled holds personal data');
    expect(await store.readStream('bcn-e1')).toHaveLength(3);

    const personal = memoryPersonalData();
    const service = new WorkflowService(store, registry, new ManualClock(b.NOW), { personalData: personal });
    const participants = [
      { personId: 'keep', name: 'Kept Person', position: 'Director', category: 'npoOfficial' },
      { personId: 'gone', name: 'Gone Person', position: 'Director', category: 'npoOfficial' },
    ];
    const answer = await run(service, 'e1', b.schedule({ participants }));
    await personal.erase('gone', { by: 'admin:ana', reason: 'request' });
    const view = (await personal.open(answer.details)) as { schedule: { participants: { name: unknown }[] } };
    expect(view.schedule.participants.map((p) => p.name)).toEqual(['Kept Person', { $erased: 1, subject: 'gone' }]);
    await expect(run(service, 'e1', b.schedule({ participants }))).rejects.toMatchObject({ code: 'SUBJECT_ERASED' });
    expect(await store.readStream('bcn-e1')).toHaveLength(4);
  });
});
