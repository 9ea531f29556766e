import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as b from '@apo/bcn/testing';
import { BCN_DEFINITION_NAME } from '@apo/bcn';
import { ManualClock, type Command } from '@apo/engine';
import { PersonalData, SqliteKeyStore } from '@apo/personal-data';
import { createRegistry } from '@apo/programmes';
import { WorkflowService } from '@apo/workflow';
import { runCli } from './testing/run-cli';

const NAME = 'Quentin Cliveden-Harrowgate';
// Each step is a CLI process of its own (a second or more under load).
jest.setTimeout(120_000);

/** A data directory holding one scheduled exchange whose first participant is `cli-1`; answers cli-1's key. */
async function exchangeWithRoster(dir: string): Promise<Buffer> {
  const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
  const store = await openSqliteEventStore({ dataDir: dir });
  const keys = SqliteKeyStore.open({ dataDir: dir });
  try {
    const service = new WorkflowService(store, createRegistry(), new ManualClock(b.NOW), { personalData: new PersonalData(keys) });
    const participants = [
      { personId: 'cli-1', name: NAME, position: 'Director', category: 'npoOfficial' },
      { name: 'Other Person', position: 'Director', category: 'npoOfficial' },
    ];
    const steps: [Command, string][] = [
      [b.draft(), 'assessor'],
      [b.submit(), 'assessor'],
      [b.approve(), 'admin'],
      [b.schedule({ participants }), 'assessor'],
    ];
    for (const [command, role] of steps) await service.execute({ definition: BCN_DEFINITION_NAME, instanceId: 'x1', command, actor: { id: 'test', role } });
    return Buffer.from((await keys.getKey('cli-1')) as Uint8Array);
  } finally {
    await keys.close();
    await store.close();
  }
}

describe('coe privacy erase | report', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coe-privacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a subject, erases them for good (recorded, key destroyed, the log still verifying), answers a repeat with the first erasure', async () => {
    const key = await exchangeWithRoster(dir);
    const coe = (...args: string[]) => runCli(['--data-dir', dir, ...args]);

    const before = await coe('privacy', 'report', 'cli-1');
    expect(before.code).toBe(0);
    const held = JSON.parse(before.stdout) as { values: { field: string; value: unknown; streamId: string }[]; erasure: unknown };
    expect(held.values.map((v) => [v.streamId, v.field, v.value])).toEqual([
      ['bcn-x1', 'participants[*].name', NAME],
      ['bcn-x1', 'participants[*].position', 'Director'],
    ]);
    expect(held.erasure).toBeNull();

    expect((await coe('privacy', 'erase', 'cli-1')).code).toBe(2); // --reason is required
    const unknown = await coe('privacy', 'erase', 'nobody', '--reason', 'request');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no personal data was ever held')]);
    const bad = await coe('privacy', 'erase', '../etc', '--reason', 'request');
    expect(bad.code).toBe(2);

    const erased = await coe('privacy', 'erase', 'cli-1', '--reason', 'PDPA request 7', '--json');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ subject: 'cli-1', erasedNow: true, reason: 'PDPA request 7', by: expect.stringMatching(/^cli:/) });
    const again = await coe('privacy', 'erase', 'cli-1', '--reason', 'again');
    expect([again.code, again.stdout]).toEqual([0, expect.stringMatching(/^already erased: cli-1/)]);

    const after = JSON.parse((await coe('privacy', 'report', 'cli-1')).stdout) as { values: { value: unknown }[]; erasure: { reason: string } };
    expect(after.values.map((v) => v.value)).toEqual([
      { $erased: 1, subject: 'cli-1' },
      { $erased: 1, subject: 'cli-1' },
    ]);
    expect(after.erasure.reason).toBe('PDPA request 7');
    expect(readFileSync(join(dir, 'personal-keys.sqlite')).includes(key)).toBe(false);
    expect(readFileSync(join(dir, 'events.sqlite')).includes(Buffer.from(NAME))).toBe(false);
    const verify = await coe('audit', 'verify');
    expect([verify.code, verify.stderr]).toEqual([0, '']);
  });
});
