import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefinitionRegistry, hashEvent, ManualClock } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { checkNewestChains } from './newest-chains';
import { damagedStore, editAt, type Damage } from './testing/damaged-store';
import { WorkflowService } from './workflow-service';

const registry = new DefinitionRegistry([createCoeDefinition()]);
const admin = { id: 'admin:ana', role: 'admin' };
const STREAM = 'coe-c1';

describe('checkNewestChains: the start-up check of the log newest events', () => {
  let dir: string;
  let store: EventStore;
  const breaks = async (damage: Damage, maxEvents = 10_000) => {
    const report = await checkNewestChains(damagedStore(store, STREAM, damage), registry, maxEvents);
    return { ...report, broken: report.broken.map((e) => [e.streamId, e.revision, e.reason]) };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newest-chains-'));
    store = await openSqliteEventStore({ dataDir: dir });
    const service = new WorkflowService(store, registry, new ManualClock(f.NOW));
    const run = (id: string, command: { type: string; data: Record<string, unknown> }) =>
      service.execute({ definition: COE_DEFINITION_NAME, instanceId: id, command, actor: admin });
    // The log: c1@0-2, c2@0, c1@3, c3@0, c1@4, c2@1, c1@5 (9 events, 3 streams).
    for (const command of f.history.designation()) await run('c1', command);
    await run('c2', f.submitApplication());
    await run('c1', f.assess('advance', '2026-06-15'));
    await run('c3', f.submitApplication());
    await run('c1', f.advance('2026-07-01'));
    await run('c2', f.startReview());
    await run('c1', f.recordActivity('2026-08-01'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an intact log: every event read, every stream intact', async () => {
    expect(await breaks({})).toEqual({ events: 9, streams: 3, wholeLog: true, broken: [] });
  });

  it.each<[string, Damage, [string, number, string]]>([
    ['edited data', { edit: editAt(3, (e) => ({ ...e, data: { ...e.data, recommendation: 'terminate' } })) }, [STREAM, 3, 'hash-mismatch']],
    ['a deleted middle event', { edit: (events) => events.filter((e) => e.revision !== 2) }, [STREAM, 2, 'revision-gap']],
    [
      'two events swapped',
      { edit: (events) => events.map((e) => (e.revision === 3 ? { ...e, revision: 4 } : e.revision === 4 ? { ...e, revision: 3 } : e)) },
      [STREAM, 3, 'prev-hash-mismatch'],
    ],
    ['an unreadable event', { unreadable: 4 }, [STREAM, 4, 'unreadable-event']],
    [
      'an unreadable event after a gap: the gap comes first',
      { edit: (events) => events.filter((e) => e.revision !== 2), unreadable: 4 },
      [STREAM, 2, 'revision-gap'],
    ],
  ])('%s: the stream is named at its first broken revision, the others are intact', async (_name, damage, expected) => {
    const report = await breaks(damage);
    expect(report.broken).toEqual([expected]);
    expect(report.streams).toBe(3);
  });

  it('an unreadable event does not end the read: the events before it in the log are still checked', async () => {
    // c1@4 is the log's 7th event: the 6 before it (c1@0 among them, edited) are still read and checked.
    const report = await breaks({ unreadable: 4, edit: editAt(0, (e) => ({ ...e, data: { ...e.data, name: 'forged' } })) });
    expect(report.broken).toEqual([[STREAM, 0, 'hash-mismatch']]);
    expect(report.events).toBe(9);
  });

  it('stops when its signal is aborted (the server closing)', async () => {
    const controller = new AbortController();
    controller.abort(new Error('closing'));
    await expect(checkNewestChains(store, registry, 10_000, { signal: controller.signal })).rejects.toThrow('closing');
  });

  describe('a window that starts inside a stream', () => {
    // The newest 4 events: c1@5, c2@1, c1@4, c3@0. c1's window starts at revision 4, linked to 3.
    it('links the oldest event in it to the stored hash of the one before', async () => {
      expect(await breaks({}, 4)).toEqual({ events: 4, streams: 3, wholeLog: false, broken: [] });
    });

    it('finds the event before the window deleted, or re-hashed by an editor', async () => {
      expect((await breaks({ edit: (events) => events.filter((e) => e.revision !== 3) }, 4)).broken).toEqual([[STREAM, 3, 'revision-gap']]);
      const rehashed = editAt(3, (e) => {
        const data = { ...e.data, recommendation: 'terminate' };
        const metadata = { ...e.metadata, hash: '' };
        return { ...e, data, metadata: { ...metadata, hash: hashEvent({ ...e, data, metadata }) } };
      });
      expect((await breaks({ edit: rehashed }, 4)).broken).toEqual([[STREAM, 4, 'prev-hash-mismatch']]);
    });

    it('leaves an edit older than the window to the audit (it reads only what it was asked to)', async () => {
      expect((await breaks({ edit: editAt(1, (e) => ({ ...e, data: { startedOn: '2020-01-01' } })) }, 4)).broken).toEqual([]);
      expect((await breaks({ edit: editAt(1, (e) => ({ ...e, data: { startedOn: '2020-01-01' } })) }, 9)).broken).toEqual([[STREAM, 1, 'hash-mismatch']]);
    });
  });
});
