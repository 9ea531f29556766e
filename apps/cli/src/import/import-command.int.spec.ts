import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const EXAMPLES = join(ROOT, 'docs/examples');
jest.setTimeout(120_000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI in its own process. */
function coe(dataDir: string, ...args: string[]): Promise<Run> {
  const env = { ...process.env };
  for (const key of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING']) delete env[key];
  return new Promise((done) =>
    execFile(
      process.execPath,
      ['-r', './tools/register.js', 'apps/cli/src/main.ts', '--data-dir', dataDir, ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** `coe import` with the example files of docs/import.md (the real portfolio in two sittings, and one COE as CSV). */
describe('coe import (the examples of docs/import.md)', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coe-import-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('imports two sittings, a re-run appends nothing, and time travel answers by what was known at each sitting', async () => {
    const data = fresh();
    const sitting1 = join(EXAMPLES, 'portfolio-sitting-1.jsonl');
    const dry = await coe(data, 'import', sitting1, '--dry-run');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('dry run: 5 COEs would be imported, 0 unchanged, 0 refused; nothing was stored');

    const first = await coe(data, 'import', sitting1);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('5 COEs imported, 0 unchanged, 0 refused');
    const afterFirst = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    expect((await coe(data, 'import', sitting1)).stdout).toContain('0 COEs imported, 5 unchanged, 0 refused');

    const second = await coe(data, 'import', join(EXAMPLES, 'portfolio-sitting-2.jsonl'), '--json');
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as { ok: boolean; instances: { instance: string; outcome: string; state: string }[] };
    expect(report.ok).toBe(true);
    expect(Object.fromEntries(report.instances.map((i) => [i.instance, i.state]))).toMatchObject({
      'jp-pilot': 'retired',
      'sg-business-excellence': 'network.continuedSupport',
      'ph-agri': 'terminated',
    });

    // The pilot as of 2013: in delivery year 2, extended by the Governing Body to July 2014.
    const at = await coe(data, 'audit', 'at', 'jp-pilot', '2013-06-01', '--json');
    expect(JSON.parse(at.stdout)).toMatchObject({ state: 'active.delivery.year2', divergences: [] });
    // As of 2017 by what was known after the first sitting: the advances of 2014-2016 were not entered yet.
    const then = JSON.parse((await coe(data, 'audit', 'at', 'jp-pilot', '2017-01-01', '--as-at', afterFirst, '--json')).stdout);
    expect(then).toMatchObject({ state: 'active.delivery.year2' });
    expect(JSON.parse((await coe(data, 'audit', 'at', 'jp-pilot', '2017-01-01', '--json')).stdout)).toMatchObject({ state: 'network.continuedSupport' });
    expect((await coe(data, 'audit', 'verify')).code).toBe(0);
  });

  it('reads the CSV example (dates known to the year or month) into the same states', async () => {
    const data = fresh();
    const run = await coe(data, 'import', join(EXAMPLES, 'portfolio-ph-agri.csv'));
    expect(run.stdout).toMatch(/imported +ph-agri {2}terminated/);
    expect(run.code).toBe(0);
  });

  it('names each refused line (file:line, code) and leaves that COE unwritten; a file it cannot read imports nothing', async () => {
    const data = fresh();
    const file = join(data, 'bad.jsonl');
    writeFileSync(
      file,
      [
        '{"instance":"ok-coe","command":"SubmitApplication","data":{"name":"COE on Quality","memberEconomy":"TH","nominatingNpo":"FTPI","hostInstitution":{"name":"FTPI","type":"npo"},"focusArea":"quality","appliedOn":"2019-01","historical":true}}',
        '{"instance":"late-coe","command":"SubmitApplication","data":{"name":"COE on Lean","memberEconomy":"TH","nominatingNpo":"FTPI","hostInstitution":{"name":"FTPI","type":"npo"},"focusArea":"lean","appliedOn":"2019-05","historical":true}}',
        '{"instance":"late-coe","command":"StartReview","data":{"startedOn":"2019-02"}}',
      ].join('\n'),
    );
    const run = await coe(data, 'import', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:3: late-coe StartReview: COE.DATE_OUT_OF_ORDER`);
    expect(run.stdout).toContain('1 COEs imported, 0 unchanged, 1 refused');
    expect((await coe(data, 'audit', 'history', 'late-coe')).code).toBe(1);
    expect((await coe(data, 'audit', 'history', 'ok-coe')).code).toBe(0);

    const unreadable = join(data, 'unreadable.jsonl');
    writeFileSync(unreadable, '{"instance":"x","command":"StartReview","data":{}}\n{"instance":"y\\u001b[2J","command":"StartReview","data":{}}\n');
    const refused = await coe(data, 'import', unreadable);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${unreadable}:2: instance must not contain the control character U+001B`);
    expect(refused.stderr).not.toContain('\u001b');
    expect((await coe(data, 'import', join(data, 'missing.jsonl'))).stderr).toContain('cannot read');
  });
});
