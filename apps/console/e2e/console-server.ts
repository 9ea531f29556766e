import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const REPO = resolve(__dirname, '../../..');
export const CHROMIUM = '/usr/bin/chromium';

/** The API from its sources on a real port and a fresh data directory, serving a fresh build of the console. */
export class ConsoleServer {
  readonly adminKey = `test_admin_${randomBytes(16).toString('hex')}`;
  readonly port = 20_000 + Math.floor(Math.random() * 20_000);
  readonly url = `http://127.0.0.1:${this.port}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  private child?: ChildProcess;
  private output = '';

  async start(): Promise<this> {
    const consoleDir = join(this.dir, 'console');
    execFileSync(process.execPath, [join(REPO, 'tools', 'build-console.js'), consoleDir], { cwd: REPO, stdio: 'pipe' });
    const apiKeys = JSON.stringify([{ principal: 'test-admin', role: 'admin', sha256: createHash('sha256').update(this.adminKey).digest('hex') }]);
    this.child = spawn(process.execPath, ['-r', './tools/register.js', 'apps/api/src/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: join(this.dir, 'data'),
        CONSOLE_DIR: consoleDir,
        API_KEYS: apiKeys,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        SCHEDULER: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    for (let i = 0; i < 300; i++) {
      if (this.child.exitCode !== null) throw new Error(`the API exited with ${this.child.exitCode}:\n${this.output}`);
      if (
        await fetch(`${this.url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return this;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the API did not answer /health within 30 s:\n${this.output}`);
  }

  /** A request as the admin. */
  async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless; a clear failure (never a skip) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the console's browser tests need Debian's Chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
