import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSmallMixedStore, copyStore, LIFE_STREAM, OPEN_COE, Tamper } from '@apo/audit/testing';

const ROOT = resolve(__dirname, '../../../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI in its own process; `preload` runs first (to make stdout claim to be a terminal). */
function coe(args: readonly string[], preload: string[] = []): Promise<Run> {
  const env = { ...process.env };
  for (const key of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING']) delete env[key];
  const flags = ['-r', './tools/register.js', ...preload.flatMap((p) => ['-r', p])];
  return new Promise((done) =>
    execFile(process.execPath, [...flags, 'apps/cli/src/main.ts', ...args], { cwd: ROOT, env, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** Stored text an older writer let through: a screen clear, a bell, a NUL, CR LF and a fake verdict, a C1 CSI, DEL, a lone surrogate. */
const HOSTILE = 'Bootcamp\u001b[2J\u0007\u0000\r\nverified: nothing to see\u009b31m\u007f\ud800 end';
const HOSTILE_ACTOR = 'admin:\u001b]0;pwned\u0007';
const HOSTILE_STREAM = `coe-${OPEN_COE}\u001b[31m`;

/** What a terminal must never receive raw: C0 controls but tab, newline and CR LF, DEL, C1 controls, lone surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('coe audit on a log holding control characters and events that no longer parse', () => {
  let pristine: string;
  let hostile: string;
  let unreadable: string;
  let work: string;
  let unreadableAt = 0;
  const audit = (data: string, ...args: string[]) => coe(['--data-dir', data, 'audit', ...args]);

  beforeAll(async () => {
    pristine = await buildSmallMixedStore();
    hostile = copyStore(pristine);
    const t = new Tamper(hostile);
    t.edit(LIFE_STREAM, 0, 'data', '$.name', HOSTILE);
    t.edit(LIFE_STREAM, 3, 'data', '$.title', HOSTILE);
    t.edit(LIFE_STREAM, 3, 'metadata', '$.actor.id', HOSTILE_ACTOR);
    t.renameStream(`coe-${OPEN_COE}`, HOSTILE_STREAM);
    t.close();
    unreadable = copyStore(pristine);
    const u = new Tamper(unreadable);
    // An unterminated string holding a raw ESC: the parser's message quotes it.
    u.overwrite(LIFE_STREAM, 5, 'data', '{"title":"\u001b[2J');
    unreadableAt = u.row(LIFE_STREAM, 5).position;
    u.close();
    work = mkdtempSync(join(tmpdir(), 'audit-terminal-'));
    writeFileSync(join(work, 'tty.js'), "Object.defineProperty(process.stdout, 'isTTY', { value: true });\n");
  }, 60_000);
  afterAll(() => [pristine, hostile, unreadable, work].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('history, at and verify print stored control characters as escapes; --json keeps their values', async () => {
    const timeline = await audit(hostile, 'history', 'th-digital');
    expect(timeline.code).toBe(1);
    expect(timeline.stdout).not.toMatch(RAW);
    expect(timeline.stdout).toContain('Bootcamp\\u001b[2J\\u0007\\u0000\\r\\nverified: nothing to see\\u009b31m\\u007f\\ud800 end');
    expect(timeline.stdout).toContain('by admin:\\u001b]0;pwned\\u0007 (assessor)');
    // The stored newline cannot forge a line: the only verdict is the real one.
    expect(timeline.stdout.split('\n').filter((l) => /^(NOT )?verified/.test(l))).toEqual([expect.stringMatching(/^NOT verified: \d+ divergences$/)]);

    const json = await audit(hostile, 'history', 'th-digital', '--json');
    expect(json.stdout).not.toMatch(RAW);
    const history = JSON.parse(json.stdout) as { events: { data: Record<string, unknown>; metadata: { actor: { id: string } } }[] };
    expect(history.events[3].data.title).toBe(HOSTILE);
    expect(history.events[3].metadata.actor.id).toBe(HOSTILE_ACTOR);

    for (const args of [
      ['at', 'th-digital', '3'],
      ['at', 'th-digital', '3', '--json'],
    ]) {
      const at = await audit(hostile, ...args);
      expect([args, at.code]).toEqual([args, 0]);
      expect(at.stdout).not.toMatch(RAW);
      expect(at.stdout).toContain('\\u001b[2J');
    }

    const verify = await audit(hostile, 'verify', '--workers', '0');
    expect(verify.code).toBe(1);
    expect(verify.stdout).not.toMatch(RAW);
    expect(verify.stdout).toMatch(/^ {2}coe-th-open\\u001b\[31m @0 hash: /m);
    const verifyJson = await audit(hostile, 'verify', '--workers', '0', '--json');
    expect(verifyJson.stdout).not.toMatch(RAW);
    expect((JSON.parse(verifyJson.stdout) as { divergences: { streamId: string }[] }).divergences.map((d) => d.streamId)).toContain(HOSTILE_STREAM);
  }, 120_000);

  it('export is exact when piped, escaped on a terminal', async () => {
    const piped = await audit(hostile, 'export', '--format', 'csv');
    expect(piped.stdout).toContain(HOSTILE_ACTOR);
    const terminal = await coe(['--data-dir', hostile, 'audit', 'export', '--format', 'csv'], [join(work, 'tty.js')]);
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).not.toMatch(RAW);
    expect(terminal.stdout).toContain('admin:\\u001b]0;pwned\\u0007');
    expect(terminal.stdout.split('\r\n')).toHaveLength(piped.stdout.split('\r\n').length);
  }, 60_000);

  it('an event that no longer parses: verify reports it with every reader (exit 1, not 3), history names it, export marks it', async () => {
    const line = new RegExp(
      `^ {2}coe-th-digital @5 \\(log position ${unreadableAt}\\) malformed: expected data and metadata that parse as JSON objects, found unreadable data: `,
      'm',
    );
    for (const workers of ['0', '2']) {
      const whole = await audit(unreadable, 'verify', '--workers', workers);
      expect([workers, whole.code]).toEqual([workers, 1]);
      expect(whole.stdout).toMatch(line);
      expect(whole.stdout).not.toMatch(RAW);
    }
    const one = await audit(unreadable, 'verify', 'th-digital');
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(line);

    const history = await audit(unreadable, 'history', 'th-digital');
    expect(history.code).toBe(1);
    expect(history.stderr).toMatch(
      new RegExp(
        `^coe: stored event coe-th-digital@5 \\(log position ${unreadableAt}\\): data is not a JSON object \\(.*\\); \`coe audit verify\` reports every such event\\n$`,
      ),
    );
    expect(history.stderr).not.toMatch(RAW);
    expect((await audit(unreadable, 'export', 'th-digital')).code).toBe(1);

    const exported = await audit(unreadable, 'export');
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({
      position: String(unreadableAt),
      streamId: LIFE_STREAM,
      revision: 5,
      unreadable: { part: 'data', reason: expect.any(String) },
    });
    const seal = await audit(unreadable, 'seal');
    expect(seal.code).toBe(0);
  }, 120_000);
});
