import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import type { Figure, Section } from './report';
import { spread } from './stats';
import { removeDir, scratchDir } from './workload';

const REPO = resolve(__dirname, '../..');
const KEY = 'bench_admin_key_0123456789abcdef';
const KEY_SHA256 = createHash('sha256').update(KEY).digest('hex');
const COES = 200;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 8);

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Node flags for the servers this section starts (`npm run profile` passes --cpu-prof here: NODE_OPTIONS may not carry it). */
const childFlags = (process.env.BENCH_CHILD_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** A TypeScript entry point run from source (the bare-route ceiling). */
const fromSource = (entry: string): string[] => [process.execPath, ...childFlags, '-r', join(REPO, 'tools/register.js'), join(REPO, entry)];

/**
 * The API exactly as `npm start` runs it: the script's build steps first, then its last step
 * (`exec [env VAR=...] node <flags> dist/...`) through the shell, so its flags, environment and
 * defaults apply and the process measured is node itself.
 */
export function asNpmStart(): string[] {
  const steps = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' && ');
  const server = steps.pop() as string;
  const node = /^exec (env (?:\S+=\S+ )+)?node /;
  if (!node.test(server)) throw new Error(`npm start's last step should be "exec [env VAR=value ...] node ...": ${server}`);
  for (const step of steps) execFileSync('sh', ['-c', step], { cwd: REPO, stdio: 'ignore' });
  return ['sh', '-c', server.replace(node, (_, env?: string) => `exec ${env ?? ''}${[JSON.stringify(process.execPath), ...childFlags].join(' ')} `)];
}

/** Starts a server in its own process (so its RSS is its own) and waits for /health. */
export async function startServer([command, ...args]: string[], env: Record<string, string>): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(command, args, {
    cwd: REPO,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read and dropped: a log the bench never drains would fill the pipe and stall the server.
  child.stdout?.resume();
  const entry = args.join(' ');
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const up = await fetch(`${url}/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
  }
  return {
    url,
    child,
    stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
  };
}

/** Peak resident set of a process so far (VmHWM), in MiB. */
export const peakRssMiB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

async function post(url: string, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/** COEs in their designation year, ready to take records and assessments. */
async function seed(url: string): Promise<void> {
  for (let i = 0; i < COES; i++) {
    const id = `bench-${i}`;
    await post(url, `/coes/${id}/application`, {
      name: `COE ${i}`,
      memberEconomy: 'TH',
      nominatingNpo: 'FTPI',
      hostInstitution: { name: 'FTPI', type: 'npo' },
      focusArea: 'digital',
      appliedOn: '2025-01-10',
    });
    await post(url, `/coes/${id}/review`, { startedOn: '2025-02-01' });
    await post(url, `/coes/${id}/designation`, { governingBody: { meeting: '65th GBM', decisionDate: '2025-04-15' }, launchDate: '2025-07-01' });
  }
}

/** Load runs so far: ids are unique across every run of the process, so no command repeats an id an earlier run recorded. */
let loads = 0;

/** A mixed workload: activities (70 %), publications (20 %), assessments (10 %) across the COEs. */
function mixedRequest(): autocannon.Request {
  const run = ++loads;
  let n = 0;
  return {
    method: 'POST',
    headers,
    setupRequest: (request) => {
      n++;
      const id = `bench-${n % COES}`;
      const kind = n % 10;
      if (kind < 7)
        return {
          ...request,
          path: `/coes/${id}/activities`,
          body: JSON.stringify({
            activityId: `a-${run}-${n}`,
            kind: 'training',
            title: 'Bootcamp',
            date: '2025-10-01',
            participants: [{ economy: 'TH', count: 10 }],
          }),
        };
      if (kind < 9)
        return {
          ...request,
          path: `/coes/${id}/publications`,
          body: JSON.stringify({ publicationId: `p-${run}-${n}`, kind: 'caseStudy', title: 'Lean SMEs', date: '2025-11-01' }),
        };
      return {
        ...request,
        path: `/coes/${id}/assessments`,
        body: JSON.stringify({
          assessmentId: `as-${run}-${n}`,
          assessedOn: '2026-06-01',
          scores: { competency: 4, dissemination: 4, collaboration: 3, outputs: 5, impact: 4 },
          recommendation: 'extend',
        }),
      };
    },
  };
}

interface LoadRun {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

async function load(url: string, options: { connections: number; rate?: number }): Promise<LoadRun> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: DURATION_S,
    requests: [mixedRequest()],
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts };
}

const figure = (id: string, label: string, runs: LoadRun[], rss: number, ceiling?: string): Figure => {
  const failures = runs.reduce((sum, r) => sum + r.failures, 0);
  return {
    id,
    label,
    eventsPerSecond: spread(runs.map((r) => r.rps)),
    latencyMs: { p50: spread(runs.map((r) => r.p50)), p99: spread(runs.map((r) => r.p99)) },
    peakRssMiB: rss,
    ceiling,
    note: failures > 0 ? `${failures} failed requests` : undefined,
  };
};

/** HTTP commands end to end (autocannon, keep-alive) against the API on the embedded durable store. */
export async function httpSection(repeats: number, log: (line: string) => void): Promise<Section> {
  const runs = Math.max(1, Math.min(repeats, 3));
  const bare = await startServer(fromSource('tools/bench/bare-nest-server.ts'), {});
  const bareRuns: LoadRun[] = [];
  for (let i = 0; i < runs; i++) bareRuns.push(await load(bare.url, { connections: 32 }));
  const bareRss = peakRssMiB(bare.child.pid as number);
  await bare.stop();
  log(`bare NestJS/Fastify route: ${Math.round(bareRuns[0].rps)} req/s`);

  const dir = scratchDir();
  const api = await startServer(asNpmStart(), {
    DATA_DIR: dir,
    // BENCH_LOG_LEVEL=info measures what the production default's request log costs.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'production',
    RATE_LIMIT_PER_MINUTE: '100000000',
    API_KEYS: JSON.stringify([{ principal: 'bench', role: 'admin', sha256: KEY_SHA256 }]),
  });
  try {
    await seed(api.url);
    const full: LoadRun[] = [];
    const paced: LoadRun[] = [];
    for (let i = 0; i < runs; i++) {
      full.push(await load(api.url, { connections: 32 }));
      log(`API, 32 connections: ${Math.round(full[i].rps)} commands/s, p99 ${full[i].p99} ms`);
      paced.push(await load(api.url, { connections: 32, rate: 2000 }));
      log(`API at 2,000/s: p99 ${paced[i].p99} ms`);
    }
    const rss = peakRssMiB(api.child.pid as number);
    return {
      title: 'HTTP commands (autocannon, keep-alive, 32 connections)',
      description: `A mixed command workload over ${COES} COEs in designation (70 % activities, 20 % publications, 10 % assessments), ${DURATION_S} s per run, against the API in its own process on the durable embedded store, started as npm start starts it (compiled JavaScript, its heap flags). Budget: >= 5,000 commands/s; p99 <= 20 ms at 2,000/s; API RSS <= 150 MiB. Ceiling: a bare NestJS/Fastify route in its own process.`,
      figures: [
        figure('http-bare', 'bare NestJS/Fastify POST route (ceiling)', bareRuns, bareRss),
        figure('http-max', 'API commands, as fast as possible', full, rss, 'http-bare'),
        figure('http-2000', 'API commands paced at 2,000/s', paced, rss, 'http-bare'),
      ],
    };
  } finally {
    await api.stop();
    removeDir(dir);
  }
}
