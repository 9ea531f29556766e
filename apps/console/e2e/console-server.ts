import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const REPO = resolve(__dirname, '../../..');
export const CHROMIUM = '/usr/bin/chromium';

/** The roles a person signs in with (the `metrics` role has no console). */
export const PEOPLE = ['admin', 'assessor', 'auditor', 'reporter'] as const;
export type Person = (typeof PEOPLE)[number];

/** Every file the console's build reads, hashed: the build is redone only when one changes. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(REPO, 'apps', 'console', 'src'));
  for (const file of ['apps/console/index.html', 'tools/build-console.js', 'package-lock.json']) hash.update(readFileSync(join(REPO, file)));
  return hash.digest('hex').slice(0, 16);
}

/** A build of the console shared by every spec of one run (and later runs with the same sources): built once, then moved into place. */
export function consoleBuild(): string {
  const dir = join(tmpdir(), `apo-console-build-${sourcesHash()}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const building = `${dir}.${process.pid}`;
  execFileSync(process.execPath, [join(REPO, 'tools', 'build-console.js'), building], { cwd: REPO, stdio: 'pipe' });
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker's build won the race: the same files
  }
  return dir;
}

/** The API from its sources on a real port and a fresh data directory, serving a fresh build of the console. */
export class ConsoleServer {
  /** One API key per role, each held by a principal named `test-<role>`. */
  readonly keys = Object.fromEntries(PEOPLE.map((role) => [role, `test_${role}_${randomBytes(16).toString('hex')}`])) as Record<Person, string>;
  readonly adminKey = this.keys.admin;
  readonly port = 20_000 + Math.floor(Math.random() * 20_000);
  readonly url = `http://127.0.0.1:${this.port}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  private child?: ChildProcess;
  private output = '';

  async start(): Promise<this> {
    const consoleDir = consoleBuild();
    const apiKeys = JSON.stringify(
      PEOPLE.map((role) => ({ principal: `test-${role}`, role, sha256: createHash('sha256').update(this.keys[role]).digest('hex') })),
    );
    this.child = spawn(process.execPath, ['-r', './tools/register.js', 'apps/api/src/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
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

  /** A request as the admin (or another role). */
  async api(method: string, path: string, body?: unknown, as: Person = 'admin'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.keys[as]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The embedded store's directory: tamper with its file while the API is halted. */
  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** Stops the API and keeps its store: `start()` again serves the same store on the same port. */
  async halt(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  }

  async stop(): Promise<void> {
    await this.halt();
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

/** Signs in through the sign-in form as `role` and waits for the header to name the principal. */
export async function signIn(page: Page, server: ConsoleServer, role: Person, path = '/'): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('API key').fill(server.keys[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as test-${role}`).waitFor();
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it is now: throws listing every violation (rule, what it means, where).
 * With CONSOLE_SCREENSHOTS set (`npm run console:screenshots`), also saves a screenshot named `view` there, for docs/console.md.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, where: v.nodes.map((n) => n.target.join(' ')) })))`,
  )) as {
    id: string;
    help: string;
    where: string[];
  }[];
  if (violations.length > 0)
    throw new Error(
      `axe-core: ${violations.length} violation(s) on ${view}:\n${violations.map((v) => `- ${v.id}: ${v.help} (${v.where.join(', ')})`).join('\n')}`,
    );
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (dir) {
    mkdirSync(resolve(REPO, dir), { recursive: true });
    // What the person sees, not the whole page (readable in the docs, and small): where the focus is, or else the top of the page.
    await page.evaluate(
      `(() => { const f = document.activeElement; if (!f || f === document.body) window.scrollTo(0, 0); else f.scrollIntoView({ block: 'center' }); })()`,
    );
    await page.screenshot({ path: resolve(REPO, dir, `${view}.png`) });
  }
}
