import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandOf, finalStage, instructionsOf, parseDockerfile, stageEnvironment, stageHealthcheck, stageWorkdir } from './dockerfile';
import { missingAtRunTime, productionPackages } from './production-dependencies';

const ROOT = join(__dirname, '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
const dockerfile = parseDockerfile(DOCKERFILE);
const runtime = finalStage(dockerfile);
/** `nobody`: an unprivileged user that owns nothing in the repository (the image's `node` user owns nothing in /app either). */
const NOBODY = 65534;
const ADMIN_KEY = 'image_entry_admin_key_0123456789abcdef';
const API_KEYS = JSON.stringify([{ principal: 'operator', role: 'admin', sha256: createHash('sha256').update(ADMIN_KEY).digest('hex') }]);
const asRoot = process.getuid?.() === 0;
/**
 * What the image's WORKDIR holds after its build stage: dist/ (built here by tools/build.js, not the
 * repository's dist/, which `npm start`'s test rebuilds at the same time), node_modules and
 * package.json. Readable by everyone, as /app is in the image.
 */
const APP = mkdtempSync(join(tmpdir(), 'image-app-'));
jest.setTimeout(180_000);

if (!asRoot) process.stdout.write('SKIPPED the image entry command as an unprivileged user: the test must run as root to switch to uid 65534\n');

/** A port nothing listens on now (the health check must reach the port the command was given). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** A fresh, empty data directory owned by nobody, as the image's /data is owned by node before VOLUME. */
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'image-data-'));
  chownSync(dir, NOBODY, NOBODY);
  chmodSync(dir, 0o750);
  return dir;
}

/** A process started as the image starts it: the command's argv, the image's environment plus `overrides`, the WORKDIR's contents as cwd, as nobody. */
function runAsNobody(argv: string[], overrides: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(argv[0], argv.slice(1), {
    // The image's WORKDIR: package.json, node_modules, dist.
    cwd: APP,
    env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', ...stageEnvironment(dockerfile, runtime), ...overrides },
    uid: NOBODY,
    gid: NOBODY,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Polls `url` until it answers 200; fails with the process's output when it exits or 60 s pass first. */
async function untilHealthy(url: string, run: ReturnType<typeof runAsNobody>): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`exited with ${run.child.exitCode} before ${url} answered:\n${run.output()}`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.status === 200) return response;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within 60 s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The image's HEALTHCHECK command, run as nobody with the given environment: its exit code. */
async function healthcheckExitCode(overrides: Record<string, string>): Promise<number | null> {
  const check = stageHealthcheck(runtime);
  if (!check) throw new Error('docker/Dockerfile has no HEALTHCHECK');
  return runAsNobody(check.command, overrides).exited;
}

/** A started process's id. */
const pidOf = (child: ChildProcess): number => {
  if (child.pid === undefined) throw new Error('the process did not start');
  return child.pid;
};

/** The uid a running process has (its real uid, from /proc). */
const uidOf = (pid: number): number => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

beforeAll(() => {
  // dist/ as the image's build stage makes it (node tools/build.js), into the image's WORKDIR.
  chmodSync(APP, 0o755);
  execFileSync(process.execPath, ['tools/build.js', join(APP, 'dist')], { cwd: ROOT, stdio: 'pipe' });
  symlinkSync(join(ROOT, 'node_modules'), join(APP, 'node_modules'));
  copyFileSync(join(ROOT, 'package.json'), join(APP, 'package.json'));
});
afterAll(() => rmSync(APP, { recursive: true, force: true }));

describe("the image's production dependencies", () => {
  it('hold every package the compiled API, projector and libraries require (npm ci --omit=dev installs enough)', () => {
    const installed = productionPackages(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect(missingAtRunTime(join(APP, 'dist'), installed)).toEqual([]);
  });
});

(asRoot ? describe : describe.skip)("the image's entry command, as an unprivileged user on a fresh, empty data directory", () => {
  const dataDirs: string[] = [];
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs the API (the CMD) until /health answers 200, passes the HEALTHCHECK, and stops with exit 0 on SIGTERM', async () => {
    const [cmd] = instructionsOf(runtime, 'CMD');
    const argv = commandOf(cmd.args, cmd.line);
    expect(stageWorkdir(runtime)).toBe('/app');
    const dataDir = freshDataDir();
    dataDirs.push(dataDir);
    const port = await freePort();
    // The image's ENV (NODE_ENV=production, DATA_DIR, HOST) with what a deployment sets: the keys, a port, the data volume.
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS };
    expect(stageEnvironment(dockerfile, runtime).NODE_ENV).toBe('production');
    const api = runAsNobody(argv, env);
    try {
      const health = await untilHealthy(`http://127.0.0.1:${port}/health`, api);
      expect(await health.json()).toMatchObject({ status: 'ok', eventStore: { status: 'up', kind: 'sqlite' } });
      expect(uidOf(pidOf(api.child))).toBe(NOBODY);
      // exec all the way down: the shell became node, with npm start's memory flags and malloc setting.
      expect(
        readFileSync(`/proc/${pidOf(api.child)}/cmdline`, 'utf8')
          .split('\0')
          .join(' ')
          .trim(),
      ).toBe('node --max-semi-space-size=4 --max-old-space-size=192 --v8-pool-size=1 dist/apps/api/src/main.js');
      expect(readFileSync(`/proc/${pidOf(api.child)}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
      // The stores were created in the empty directory, by nobody.
      expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['events.sqlite', 'read.sqlite']));
      expect(statSync(join(dataDir, 'events.sqlite')).uid).toBe(NOBODY);
      const authed = await fetch(`http://127.0.0.1:${port}/coes`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(authed.status).toBe(200);
      // The console's static files are in the image (dist/console) and served at /console/.
      const page = await fetch(`http://127.0.0.1:${port}/console/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
      expect(await healthcheckExitCode({ PORT: String(port) })).toBe(0);
    } finally {
      api.child.kill('SIGTERM');
    }
    expect([await api.exited, api.output()]).toEqual([0, expect.any(String)]);
  });

  it('fails the HEALTHCHECK when nothing answers on the port', async () => {
    expect(await healthcheckExitCode({ PORT: String(await freePort()) })).toBe(1);
  });

  it('runs the projector from the same image (node dist/apps/projector/src/main.js) on the embedded store, healthy on PROJECTOR_PORT', async () => {
    const command = /docker run \S+ (node dist\/apps\/projector\/src\/main\.js)/.exec(DOCKERFILE)?.[1];
    if (!command) throw new Error('docker/Dockerfile no longer names the projector command (docker run <image> node dist/apps/projector/src/main.js)');
    const dataDir = freshDataDir();
    dataDirs.push(dataDir);
    const port = await freePort();
    const projector = runAsNobody(command.split(' '), { PROJECTOR_PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    try {
      await untilHealthy(`http://127.0.0.1:${port}/health`, projector);
      expect(uidOf(pidOf(projector.child))).toBe(NOBODY);
      // What a compose file sets for the projector's container so the image's HEALTHCHECK checks it.
      expect(await healthcheckExitCode({ HEALTHCHECK_PORT: String(port) })).toBe(0);
    } finally {
      projector.child.kill('SIGTERM');
    }
    expect([await projector.exited, projector.output()]).toEqual([0, expect.stringContaining('projector stopped')]);
  });

  it('stops with a clear message, not a stack trace, when production has no API keys', async () => {
    const [cmd] = instructionsOf(runtime, 'CMD');
    const dataDir = freshDataDir();
    dataDirs.push(dataDir);
    const api = runAsNobody(commandOf(cmd.args, cmd.line), { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir });
    expect(await api.exited).toBe(1);
    expect(api.output()).toMatch(/API_KEYS/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  });
});
