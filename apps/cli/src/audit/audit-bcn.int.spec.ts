import { runCli } from '../testing/run-cli';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyStore, Tamper } from '@apo/audit/testing';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import { byDay, exchangeScriptSteps, lifeScriptSteps, runSteps } from '@apo/projections/testing';

const STREAM = `bcn-${BCN_LIFE_SCRIPT_ID}`;

const coe = runCli;

describe('coe audit --programme bcn (the CLI on a store holding a COE and a BCN exchange)', () => {
  let dir: string;
  let tampered: string;
  const audit = (data: string, ...args: string[]) => coe(['--data-dir', data, 'audit', ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-bcn-'));
    // Loaded lazily, as cli-context loads the adapters.
    const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
    const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    await runSteps(store, byDay([...lifeScriptSteps('th-digital', coeLifeScriptV2), ...exchangeScriptSteps(BCN_LIFE_SCRIPT_ID, bcnLifeScript)]));
    await store.close();
    tampered = copyStore(dir);
    const t = new Tamper(tampered);
    // A fourth participant slipped into the first (face-to-face) roster: the hash breaks at revision 3.
    t.edit(STREAM, 3, 'data', '$.participants[3]', { name: 'Extra', position: 'Director', category: 'npoOfficial' });
    t.close();
  }, 60_000);
  afterAll(() => [dir, tampered].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('history, at, verify and export of one exchange, and the whole store verified', async () => {
    // One process at a time per store: the embedded store is held exclusively.
    const history = await audit(dir, 'history', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID, '--json');
    const at = await audit(dir, 'at', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID, '2030-06-01', '--json');
    const verify = await audit(dir, 'verify', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID);
    const exported = await audit(dir, 'export', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID, '--format', 'csv');
    const store = await audit(dir, 'verify', '--json', '--workers', '1');
    expect(history.code).toBe(0);
    const h = JSON.parse(history.stdout);
    expect(h).toMatchObject({ id: BCN_LIFE_SCRIPT_ID, streamId: STREAM, definition: 'bcn-exchange', version: 1, verification: { ok: true, divergences: [] } });
    expect(h.events.map((e: { type: string }) => e.type)).toEqual([
      'ExchangeDrafted',
      'ExchangeSubmitted',
      'ExchangeApproved',
      'ExchangeScheduled',
      'ExchangeScheduled',
      'ExchangeImplemented',
      'ExchangeReported',
      'FollowUpRecorded',
      'FollowUpRecorded',
      'ExchangeClosed',
    ]);
    expect(JSON.parse(at.stdout)).toMatchObject({ revision: 4, state: 'scheduled', details: { window: 1, schedule: { modality: 'virtual' } } });
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.stdout).toContain(`${STREAM}: ${bcnLifeScript.length} events`);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trimEnd().split('\r\n')).toHaveLength(bcnLifeScript.length + 1);
    expect(JSON.parse(store.stdout)).toMatchObject({ ok: true, streams: 2, events: coeLifeScriptV2.length + bcnLifeScript.length });
  }, 60_000);

  it('finds a tampered BCN event, names a missing exchange, refuses an unknown programme', async () => {
    const [broken, missing] = await Promise.all([
      audit(tampered, 'verify', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID),
      audit(dir, 'history', '--programme', 'bcn', 'nope'),
    ]);
    const [asOf, unknown] = await Promise.all([
      audit(tampered, 'at', '--programme', 'bcn', BCN_LIFE_SCRIPT_ID, 'r4'),
      audit(dir, 'history', '--programme', 'xyz', 'nope'),
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(new RegExp(`^ {2}${STREAM} @3 hash: expected [0-9a-f]{64}, found [0-9a-f]{64}$`, 'm'));
    expect(asOf.stdout).toContain(`run coe audit verify --programme bcn ${BCN_LIFE_SCRIPT_ID}`);
    expect(missing).toMatchObject({ code: 1, stderr: 'coe: BCN exchange stream bcn-nope was not found\n' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("'xyz' is invalid");
  }, 60_000);
});
