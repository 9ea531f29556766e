import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAuditStore, copyStore, LIFE_STREAM, Tamper } from '@apo/audit/testing';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import { lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { buildProgram } from '../main';
import { parseWhen } from './audit-at';

const ROOT = resolve(__dirname, '../../../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI in its own process (stdout and stderr are pipes: no progress bar). */
function coe(args: readonly string[], vars: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env, ...vars };
  for (const key of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING']) delete env[key];
  return new Promise((done) =>
    execFile(
      process.execPath,
      ['-r', './tools/register.js', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('coe audit (the CLI against a data dir of real COE events)', () => {
  let dir: string;
  let tampered: string;
  let truncated: string;
  const audit = (data: string, ...args: string[]) => coe(['--data-dir', data, 'audit', ...args]);

  beforeAll(async () => {
    dir = await buildAuditStore();
    tampered = copyStore(dir);
    const t = new Tamper(tampered);
    t.edit(LIFE_STREAM, 5, 'data', '$.recommendation', 'advance');
    t.close();
    truncated = copyStore(dir);
    const u = new Tamper(truncated);
    u.delete(LIFE_STREAM, 25);
    u.close();
  }, 60_000);
  afterAll(() => [dir, tampered, truncated].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('verify: exit 0 on a clean store, exit 1 naming the first broken event on a tampered one', async () => {
    const [clean, broken] = await Promise.all([audit(dir, 'verify', '--json'), audit(tampered, 'verify')]);
    const one = await audit(tampered, 'verify', 'th-digital');
    // Nothing on stderr but progress lines (written every 5 s off a terminal: a slow machine gets some).
    expect(clean).toMatchObject({ code: 0, stderr: expect.stringMatching(/^(verify: .*\n)*$/) });
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, divergenceCount: 0, workers: expect.any(Number), streams: 14 });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^DIVERGENCES: \d+ in 1 streams$/m);
    expect(broken.stdout.split('\n').find((l) => l.startsWith('  '))).toMatch(/^ {2}coe-th-digital @5 hash: expected [0-9a-f]{64}, found [0-9a-f]{64}$/);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('coe-th-digital @5 hash');
  }, 60_000);

  it('seal, then verify --seal: matches untouched, and catches a truncated tail by digest or by seal file', async () => {
    const file = join(dir, 'seal.json');
    const sealed = await audit(dir, 'seal', '--out', file);
    expect(sealed.code).toBe(0);
    const digest = sealed.stdout.split(' ')[0];
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'apo-audit-seal/1', digest, streams: 14 });
    // One process at a time per store: the embedded store is held exclusively.
    const [same, byDigest] = await Promise.all([audit(dir, 'verify', '--seal', digest), audit(truncated, 'verify', '--seal', digest, '--workers', '0')]);
    const byFile = await audit(truncated, 'verify', '--seal', file);
    expect(same).toMatchObject({ code: 0 });
    expect(same.stdout).toContain(`seal: matches the filed seal ${digest}`);
    expect(byDigest.code).toBe(1);
    expect(byDigest.stdout).toContain('replay, hash chains and revisions: OK');
    expect(byDigest.stdout).toContain(`SEAL MISMATCH: filed ${digest}`);
    expect(byFile.code).toBe(1);
    expect(byFile.stdout).toMatch(/coe-th-digital: truncated since the seal: was at revision 25 \(hash [0-9a-f]{12}\), now at revision 24/);
  }, 60_000);

  it('export: every event as JSON Lines or CSV, the whole log or one COE', async () => {
    const [jsonl, csv, one] = await Promise.all([
      audit(dir, 'export'),
      audit(dir, 'export', '--format', 'csv'),
      audit(dir, 'export', 'th-digital', '--out', join(dir, 'one.jsonl')),
    ]);
    const lines = jsonl.stdout.trimEnd().split('\n');
    expect(jsonl.code).toBe(0);
    expect(lines).toHaveLength(287);
    expect(lines.map((l) => JSON.parse(l).position)).toEqual(lines.map((_, i) => String(i + 1)));
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(288);
    expect(one).toMatchObject({ code: 0, stdout: '', stderr: `exported 26 events to ${join(dir, 'one.jsonl')} (jsonl)\n` });
    expect(
      readFileSync(join(dir, 'one.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).streamId),
    ).toEqual(Array(26).fill(LIFE_STREAM));
  }, 60_000);

  it('history and at: the timeline, JSON, and the state as of a date or revision', async () => {
    const [timeline, json, at, revision] = await Promise.all([
      audit(dir, 'history', 'th-digital'),
      audit(dir, 'history', 'th-digital', '--json'),
      audit(dir, 'at', 'th-digital', '2027-03-31', '--json'),
      audit(dir, 'at', 'th-digital', 'r2'),
    ]);
    expect(timeline.code).toBe(0);
    // Designated on the Governing Body's date, active from the launch (definition version 2).
    expect(timeline.stdout).toMatch(/^#2 +2025-04-16 {2}CoeDesignated {2}underReview -> designated$/m);
    expect(timeline.stdout).toMatch(/^#3 +2025-07-01 {2}CoeLaunched {2}designated -> active\.designation$/m);
    expect(timeline.stdout).toContain('verified: the replay, the hash chain and the revisions agree with every stored event');
    expect(JSON.parse(json.stdout)).toMatchObject({ id: 'th-digital', streamId: LIFE_STREAM, verification: { ok: true } });
    expect(JSON.parse(json.stdout).events).toHaveLength(26);
    expect(JSON.parse(at.stdout)).toMatchObject({ revision: 9, state: 'active.delivery.year1', details: { dueDate: '2027-10-01' } });
    expect(revision.stdout).toMatch(/^state +designated$/m);
    // The state now owes a status assessment 24 months after the cycle ended, or as configured (as the API reads it).
    const configured = await coe(['--data-dir', dir, 'audit', 'at', 'th-digital', 'r25', '--json'], { COE_STATUS_ASSESSMENT_MONTHS: '12' });
    expect(JSON.parse(configured.stdout)).toMatchObject({ state: 'network.continuedSupport', details: { cycleEnd: '2030-10-01', dueDate: '2031-10-01' } });
  }, 60_000);

  it('--help for every command; exit 2 for bad usage, 1 for an unknown COE', async () => {
    const help = await audit(dir, 'verify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: coe audit verify \[options\] \[id\]/);
    expect(help.stdout).toContain('Exit codes: 0 OK, 1 a problem was found');
    // The others in this process (spawning costs a second each).
    const auditCommand = buildProgram().commands.find((c) => c.name() === 'audit');
    expect(auditCommand?.commands.map((c) => c.name())).toEqual(['history', 'at', 'verify', 'seal', 'export', 'prove', 'consistency', 'bundle', 'keygen']);
    for (const command of auditCommand?.commands ?? [])
      expect(command.helpInformation()).toMatch(new RegExp(`^Usage: coe audit ${command.name()} \\[options\\]`));
    const [badDate, unknown, badSeal] = await Promise.all([
      audit(dir, 'at', 'th-digital', '2027-02-30'),
      audit(dir, 'history', 'nope'),
      audit(dir, 'verify', '--seal', 'abc'),
    ]);
    expect(badDate).toMatchObject({ code: 2, stderr: 'coe: invalid input: at must be a business date YYYY-MM-DD (or YYYY-MM, YYYY)\n' });
    expect(() => parseWhen('tomorrow')).toThrow(/expected a business date YYYY-MM-DD or YYYY-MM, or a revision/);
    expect(unknown).toMatchObject({ code: 1, stderr: 'coe: COE stream coe-nope was not found\n' });
    expect(badSeal.code).toBe(2);
  }, 60_000);

  it('refuses a data directory without a store (exit 3) instead of verifying a new, empty one', async () => {
    const missing = join(dir, 'no-such-dir');
    const result = await audit(missing, 'verify');
    expect(result).toMatchObject({ code: 3, stderr: `coe: no event store in ${missing} (expected events.sqlite); check --data-dir or DATA_DIR\n` });
    expect(existsSync(missing)).toBe(false);
  }, 30_000);
});

describe('coe audit against EventStoreDB (wire test server)', () => {
  let server: { connectionString: string; stop(): Promise<void> };

  beforeAll(async () => {
    // Loaded lazily, as cli-context loads the adapters.
    const { startEsdbWireServer } = await import('@apo/event-store/testing');
    const { openEsdbEventStore } = await import('@apo/event-store/esdb');
    server = await startEsdbWireServer();
    const store = await openEsdbEventStore(server.connectionString);
    await runSteps(store, lifeScriptSteps('th-digital', coeLifeScriptV2));
    await store.close();
  }, 60_000);
  afterAll(() => server.stop());

  it('verify and history by --eventstore', async () => {
    const [verify, history] = await Promise.all([
      coe(['--eventstore', server.connectionString, 'audit', 'verify', '--workers', '1']),
      coe(['--eventstore', server.connectionString, 'audit', 'history', 'th-digital', '--json']),
    ]);
    expect(verify).toMatchObject({ code: 0, stderr: expect.stringMatching(/^(verify: .*\n)*$/) });
    expect(verify.stdout).toMatch(/^verified 26 events in 1 streams with 1 worker threads in/);
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toMatchObject({ streamId: LIFE_STREAM, verification: { ok: true } });
  }, 60_000);
});
