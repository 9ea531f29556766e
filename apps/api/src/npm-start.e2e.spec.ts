import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
jest.setTimeout(60_000);

/** `npm start` as the README tells a newcomer to run it: builds to dist/, then serves compiled JavaScript. */
describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  /** What it printed until the end of its start-up. */
  let startup = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    child = spawn('npm', ['start'], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let i = 0; i < 300 && !/\+-+\+\n[\s\S]*\+-+\+\n$/.test(output); i++) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    startup = output;
  });

  afterAll(async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API from the compiled build with the bounded heap', async () => {
    expect(output).toMatch(/built \d+ files into dist/);
    expect(output).toContain(`listening on ${url}`);
    const [pid, ...args] = execFileSync('ps', ['--ppid', String(child.pid), '-o', 'pid=,args='], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    expect(args.join(' ')).toBe('node --max-semi-space-size=4 --max-old-space-size=192 --v8-pool-size=1 dist/apps/api/src/main.js');
    // Two malloc arenas instead of one per thread that allocates (libuv's pool, V8's helpers).
    expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
  });

  it('ends its start-up output with the development keys in a frame, after a few log lines', () => {
    const lines = startup.trimEnd().split('\n');
    const frame = lines.findIndex((line) => /^\+-+\+$/.test(line));
    expect(lines.slice(frame).join('\n')).toMatch(/Development API keys[\s\S]*admin\s+dev_admin_[\s\S]*metrics\s+dev_metrics_\S+[\s\S]*\+-+\+$/);
    expect(lines[lines.length - 1]).toMatch(/^\+-+\+$/);
    // Nest's line per module and route is debug chatter: a handful of lines come before the frame.
    expect(startup).not.toContain('Mapped {');
    expect(frame).toBeLessThan(15);
  });

  it('takes a command with the development key it printed', async () => {
    const admin = /admin\s+(dev_admin_\S+)/.exec(output)?.[1];
    expect(admin).toBeDefined();
    const response = await fetch(`${url}/coes/npm-start/application`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'COE on Digital Transformation',
        memberEconomy: 'TH',
        nominatingNpo: 'FTPI',
        hostInstitution: { name: 'FTPI', type: 'npo' },
        focusArea: 'digital transformation',
        appliedOn: '2025-01-10',
      }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ id: 'npm-start', revision: 0, state: 'applied' });
  });

  it('prints its log readable, the start-up lines before the banner and the request lines after it', async () => {
    const requestLine = /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/coes\/:id\/application 201 [\d.]+ ms \(submitApplication, by \S+\)$/;
    // The line of the command above, written within a moment (the log is written in batches).
    for (let i = 0; i < 100 && !output.split('\n').some((line) => requestLine.test(line)); i++) await new Promise((r) => setTimeout(r, 50));
    const lines = output.split('\n');
    const bannerEnd = lines.findLastIndex((line) => /^\+-+\+$/.test(line));
    const listening = lines.findIndex((line) => /INFO: Server listening at /.test(line));
    expect(listening).toBeGreaterThanOrEqual(0);
    expect(listening).toBeLessThan(bannerEnd);
    expect(lines.findIndex((line) => requestLine.test(line))).toBeGreaterThan(bannerEnd);
  });
});
