import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const KEY = 'request-log-test-key';
jest.setTimeout(60_000);

/** The API in its own process with the production log settings: what an operator's log collector reads on its stdout. */
describe('the production log (NODE_ENV=production, LOG_LEVEL=info)', () => {
  let child: ChildProcess;
  let stdout = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'request-log-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const apiKeys = JSON.stringify([{ principal: 'ops-alice', role: 'admin', sha256: createHash('sha256').update(KEY).digest('hex') }]);
  /** A value only the command's request body carries. */
  const secretName = 'COE named only in the body 7f3a';

  beforeAll(async () => {
    child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), join(REPO, 'apps/api/src/main.ts')], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', API_KEYS: apiKeys },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    for (let i = 0; i < 300 && !stdout.includes('APO workflow API listening'); i++) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${stdout}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-correlation-id': 'req-log-apply-1' };
    const body = {
      name: secretName,
      memberEconomy: 'TH',
      nominatingNpo: 'FTPI',
      hostInstitution: { name: 'FTPI', type: 'npo' },
      focusArea: 'digital',
      appliedOn: '2025-01-10',
    };
    expect((await fetch(`${url}/coes/log-1/application`, { method: 'POST', headers, body: JSON.stringify(body) })).status).toBe(201);
    const conflict = await fetch(`${url}/coes/log-1/application`, {
      method: 'POST',
      headers: { ...headers, 'x-correlation-id': 'req-log-apply-2' },
      body: JSON.stringify(body),
    });
    expect(conflict.status).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const lines = () => stdout.split('\n').filter((line) => line !== '');
  const entries = () => lines().map((line) => JSON.parse(line) as Record<string, unknown>);

  it('is JSON lines only, none printed twice, the start-up news among them', () => {
    expect(lines().length).toBeGreaterThan(3);
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
    expect(new Set(lines()).size).toBe(lines().length);
    expect(entries()).toContainEqual(expect.objectContaining({ msg: 'APO workflow API listening', url }));
    // Nest's line per module and per route is debug.
    expect(stdout).not.toContain('Mapped {');
  });

  it('logs a command once, with its request id, principal, route, command, outcome and duration, and not its body', () => {
    const applied = entries().filter((e) => e.reqId === 'req-log-apply-1');
    expect(applied).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        principal: 'ops-alice',
        method: 'POST',
        route: '/coes/:id/application',
        command: 'submitApplication',
        status: 201,
        problem: null,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(entries().filter((e) => e.reqId === 'req-log-apply-2')).toEqual([
      expect.objectContaining({ msg: 'request', command: 'submitApplication', status: 409, problem: expect.stringMatching(/^[A-Z_]+$/) }),
    ]);
    expect(stdout).not.toContain(secretName);
  });

  it('writes the last request line before it stops on SIGTERM, and stops cleanly', async () => {
    expect((await fetch(`${url}/health`, { headers: { 'x-correlation-id': 'req-log-last' } })).status).toBe(200);
    // 'close': the process has exited and everything it wrote has been read.
    const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(entries().filter((e) => e.reqId === 'req-log-last')).toEqual([expect.objectContaining({ msg: 'request', route: '/health', status: 200 })]);
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
  });
});
