import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '@apo/engine';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { WorkflowService } from '@apo/workflow';
import { COE_LIFE_LENGTH, coeLife, engineRequest } from './coe-life';
import { runInChild, type LoadOptions, type LoadResult } from './http-client';
import { latencyFigure, type LatencyRun, type Section } from './report';
import { collectGarbage, msSince, percentile, RssSampler, spread } from './stats';
import { removeDir, scratchDir } from './workload';

const REPO = resolve(__dirname, '../..');
const KEY = 'bench_admin_key_0123456789abcdef';
const KEY_SHA256 = createHash('sha256').update(KEY).digest('hex');
const HEADERS = { authorization: `Bearer ${KEY}` };
/** Issue #20's workload: 640 COE lives, 32 in flight. */
const COES = Number(process.env.BENCH_HTTP_COES ?? 640);
const LANES = 32;
const PACED_RATE = 2_000;
/** The paced and one-client runs are timed rather than whole lives. */
const TIMED_MS = Number(process.env.BENCH_HTTP_SECONDS ?? 8) * 1000;
/** Untimed lives before each measured HTTP run (JIT, heap), on the same server. */
const WARMUP_COES = LANES;
const BUDGET = { ofInProcess: 0.5, ofFastify: 0.4, pacedP99Ms: 20, oneClientP50Ms: 1, logCost: 0.03, rssMiB: 150, lagSeconds: 1 };

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Node flags for the servers this section starts (`npm run profile` passes --cpu-prof here: NODE_OPTIONS may not carry it). */
const childFlags = (process.env.BENCH_CHILD_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** A TypeScript entry point run from source (the bare-route ceilings). */
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

/** Starts a server in its own process (so its RSS and CPU are its own) and waits until it answers. */
export async function startServer([command, ...args]: string[], env: Record<string, string>, unset: readonly string[] = []): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.includes(name)));
  const child = spawn(command, args, {
    cwd: REPO,
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read and dropped: a log the bench never drains would fill the pipe and stall the server.
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const up = await fetch(`${url}/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
  }
  return {
    url,
    child,
    stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
  };
}

/** Peak resident set of a process so far (VmHWM), in MiB. */
export const peakRssMiB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process (every thread of it) has used so far (utime + stime from /proc/<pid>/stat), in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5); the text after the command name starts at field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** One HTTP run: the client's figures and the server's own cost of it. */
interface HttpRun extends LatencyRun {
  readonly load: LoadResult;
  /** Server CPU per command, ms (utime + stime over the run, catch-up of the read models included). */
  readonly serverCpuMs: number;
  /** Highest apo_projection_lag_seconds / _lag_events seen on /metrics during the run (API only). */
  readonly maxLagSeconds?: number;
  readonly maxLagEvents?: number;
  /** The read-your-writes check after the run (API only): undefined when it saw its write. */
  readonly readYourWritesMiss?: string;
}

let runs = 0;
const prefix = (what: string) => `${what}-${++runs}-${process.pid}`;

/** Drives `server` with the client process and measures the server's CPU around it. */
async function drive(server: Server, options: Omit<LoadOptions, 'url' | 'headers'>, during?: () => Promise<void>): Promise<HttpRun> {
  const pid = server.child.pid as number;
  let cpuBefore = 0;
  const load = await runInChild({ warmupCoes: WARMUP_COES, ...options, url: server.url, headers: HEADERS }, () => (cpuBefore = cpuMs(pid)));
  await during?.();
  const served = Math.max(1, load.requests);
  return {
    eventsPerSecond: load.requests / (load.elapsedMs / 1000),
    p50: load.p50,
    p99: load.p99,
    peakRssMiB: peakRssMiB(pid),
    load,
    serverCpuMs: (cpuMs(pid) - cpuBefore) / served,
  };
}

/** The projection lag gauges of one /metrics scrape (maximum over projections). */
async function lag(url: string): Promise<{ seconds: number; events: number }> {
  const text = await (await fetch(`${url}/metrics`, { headers: HEADERS })).text();
  const max = (name: string) =>
    Math.max(0, ...[...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'gm'))].map((m) => Number(m[1])).filter(Number.isFinite));
  return { seconds: max('apo_projection_lag_seconds'), events: max('apo_projection_lag_events') };
}

/** Samples the projection lag every ~200 ms until stopped; `drain` waits (up to 30 s) until no projection is behind. */
function lagSampler(url: string) {
  const seen = { seconds: 0, events: 0 };
  const sample = async () => {
    const now = await lag(url).catch(() => undefined);
    if (now) {
      seen.seconds = Math.max(seen.seconds, now.seconds);
      seen.events = Math.max(seen.events, now.events);
    }
    return now;
  };
  const timer = setInterval(() => void sample(), 200);
  return {
    seen,
    async drain(): Promise<void> {
      for (let i = 0; i < 150; i++) {
        const now = await sample();
        if (now && now.events === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      clearInterval(timer);
    },
  };
}

/** One command, then a read-model list with its X-Min-Position: the list must hold the new COE. */
async function readYourWrites(url: string): Promise<string | undefined> {
  const id = prefix('ryw');
  const npo = `Read your writes ${id}`;
  const [application] = coeLife(id);
  const body = JSON.stringify({ ...application.data, nominatingNpo: npo });
  const posted = await fetch(`${url}/coes/${id}/application`, { method: 'POST', headers: { ...HEADERS, 'content-type': 'application/json' }, body });
  const position = posted.headers.get('x-log-position');
  if (posted.status !== 201 || !position) return `the command answered ${posted.status} with X-Log-Position ${position}: ${await posted.text()}`;
  const read = await fetch(`${url}/coes?nominatingNpo=${encodeURIComponent(npo)}`, { headers: { ...HEADERS, 'x-min-position': position } });
  const text = await read.text();
  return read.status === 200 && text.includes(`"${id}"`)
    ? undefined
    : `GET /coes with X-Min-Position ${position} answered ${read.status} without ${id}: ${text.slice(0, 300)}`;
}

/** A setting the bench changes from the API's defaults for one row (LOG_LEVEL=silent, PROJECTOR=in-process). */
type Variant = Readonly<Record<string, string>>;

const apiEnv = (variant: Variant = {}): Record<string, string> => ({
  DATA_DIR: scratchDir(),
  RATE_LIMIT_PER_MINUTE: '100000000',
  API_KEYS: JSON.stringify([{ principal: 'bench', role: 'admin', sha256: KEY_SHA256 }]),
  ...variant,
});

/** The API on a fresh data directory, `work` against it, then stopped and its directory removed. */
async function withApi<T>(start: string[], variant: Variant | undefined, work: (api: Server) => Promise<T>): Promise<T> {
  const env = apiEnv(variant);
  // What the bench leaves to the API's defaults must not come from the bench's own environment.
  const api = await startServer(start, env, ['LOG_LEVEL', 'NODE_ENV', 'PROJECTOR', 'EVENT_STORE', 'API_HEAP_MB', 'MALLOC_ARENA_MAX']);
  try {
    return await work(api);
  } finally {
    await api.stop();
    removeDir(env.DATA_DIR);
  }
}

/** The API at full speed: 640 lives over 32 connections, the lag sampled, caught up, then read-your-writes checked. */
const apiFull = (start: string[], variant?: Variant) =>
  withApi(start, variant, async (api) => {
    const sampler = lagSampler(api.url);
    const run = await drive(api, { lanes: LANES, coes: COES, prefix: prefix('full') }, () => sampler.drain());
    return { ...run, maxLagSeconds: sampler.seen.seconds, maxLagEvents: sampler.seen.events, readYourWritesMiss: await readYourWrites(api.url) };
  });

/** The same lives through WorkflowService.execute on the durable store (synchronous=FULL), no projections, 32 lanes. */
async function inProcess(): Promise<HttpRun> {
  const dir = scratchDir();
  const store = await openSqliteEventStore({ dataDir: dir });
  const service = new WorkflowService(store, createRegistry(), systemClock);
  try {
    const lives = async (run: string, coes: number, latencies: number[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          while (next < coes) {
            const id = `${run}-${next++}`;
            for (const command of coeLife(id)) {
              const t = process.hrtime.bigint();
              await service.execute(engineRequest(id, command));
              latencies.push(msSince(t));
            }
          }
        }),
      );
    };
    await lives(prefix('engine-warm'), WARMUP_COES, []);
    const latencies: number[] = [];
    collectGarbage();
    const rss = new RssSampler();
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await lives(prefix('engine'), COES, latencies);
    const elapsed = msSince(start);
    const used = process.cpuUsage(cpu);
    const load: LoadResult = {
      requests: latencies.length,
      failures: 0,
      failureSamples: [],
      elapsedMs: elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      clientCpuUsPerRequest: 0,
    };
    return {
      eventsPerSecond: latencies.length / (elapsed / 1000),
      p50: load.p50,
      p99: load.p99,
      peakRssMiB: rss.stop(),
      load,
      serverCpuMs: (used.user + used.system) / 1000 / latencies.length,
    };
  } finally {
    await store.close();
    removeDir(dir);
  }
}

const bare = async (entry: string): Promise<HttpRun> => {
  const server = await startServer(fromSource(entry), {});
  try {
    return await drive(server, { lanes: LANES, coes: COES, prefix: prefix('bare') });
  } finally {
    await server.stop();
  }
};

const median = (values: readonly number[]) => spread(values).median;
const k = (value: number) => Math.round(value).toLocaleString('en-GB');
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const pct = (value: number) => `${Math.round(value * 100)} %`;
const met = (ok: boolean) => (ok ? 'met' : '**NOT met**');
const failed = (runs: readonly HttpRun[]): string | undefined => {
  const failures = runs.reduce((sum, r) => sum + r.load.failures, 0);
  return failures > 0 ? `${failures} FAILED requests, e.g. ${runs.flatMap((r) => r.load.failureSamples)[0]}` : undefined;
};

/**
 * Issue #20's HTTP budgets from one run: the whole COE life (43 commands, 640 COEs, 32 in flight)
 * in process, over HTTP against the API as `npm start` runs it, against a bare Fastify and a bare
 * NestJS route, paced at 2,000/s, from one client, with the log silenced, the API's RSS, CPU per
 * command, projection lag and read-your-writes.
 */
export async function httpSection(repeats: number, log: (line: string) => void): Promise<Section> {
  const start = asNpmStart();
  const r = {
    engine: [] as HttpRun[],
    fastify: [] as HttpRun[],
    nest: [] as HttpRun[],
    api: [] as HttpRun[],
    silent: [] as HttpRun[],
    projectorInProcess: [] as HttpRun[],
    paced: [] as HttpRun[],
    one: [] as HttpRun[],
  };
  for (let i = 0; i < repeats; i++) {
    r.engine.push(await inProcess());
    log(`in-process ${k(r.engine[i].eventsPerSecond)} commands/s (p99 ${ms(r.engine[i].p99)} ms)`);
    r.fastify.push(await bare('tools/bench/bare-fastify-server.ts'));
    r.nest.push(await bare('tools/bench/bare-nest-server.ts'));
    log(`bare Fastify ${k(r.fastify[i].eventsPerSecond)}/s, bare NestJS ${k(r.nest[i].eventsPerSecond)}/s`);
    // The default, silent and in-process-projector runs take turns leading, so load from elsewhere on the machine hits them alike.
    const variants: [HttpRun[], Variant | undefined][] = [
      [r.api, undefined],
      [r.silent, { LOG_LEVEL: 'silent' }],
      [r.projectorInProcess, { PROJECTOR: 'in-process' }],
    ];
    for (let v = 0; v < variants.length; v++) {
      const [runs, variant] = variants[(v + i) % variants.length];
      const run = await apiFull(start, variant);
      runs.push(run);
      log(
        `API${variant ? ` ${Object.entries(variant).map(([name, value]) => `${name}=${value}`)[0]}` : ''}: ${k(run.eventsPerSecond)} commands/s, p99 ${ms(run.p99)} ms, ${ms(run.serverCpuMs)} ms CPU/command, ` +
          `RSS ${k(run.peakRssMiB)} MiB, lag <= ${run.maxLagSeconds} s${run.load.failures ? `, ${run.load.failures} FAILED` : ''}${run.readYourWritesMiss ? `, READ-YOUR-WRITES MISS: ${run.readYourWritesMiss}` : ''}`,
      );
    }
    await withApi(start, undefined, async (api) => {
      r.paced.push(await drive(api, { lanes: LANES, coes: COES, prefix: prefix('paced'), ratePerSecond: PACED_RATE, durationMs: TIMED_MS }));
      // Warmed by the paced run.
      r.one.push(await drive(api, { lanes: 1, coes: COES, prefix: prefix('one'), durationMs: TIMED_MS, warmupCoes: 0 }));
    });
    log(`API paced at ${k(PACED_RATE)}/s: p99 ${ms(r.paced[i].p99)} ms; one client: p50 ${ms(r.one[i].p50)} ms`);
  }

  const rate = (runs: readonly HttpRun[]) => median(runs.map((x) => x.eventsPerSecond));
  const cpu = (runs: readonly HttpRun[]) => median(runs.map((x) => x.serverCpuMs));
  const api = rate(r.api);
  const logCost = 1 - api / rate(r.silent);
  const logCpuCost = 1 - cpu(r.silent) / cpu(r.api);
  const rss = Math.max(...r.api.map((x) => x.peakRssMiB));
  const lagSeconds = Math.max(...r.api.map((x) => x.maxLagSeconds ?? 0));
  const lagEvents = Math.max(...r.api.map((x) => x.maxLagEvents ?? 0));
  const misses = [...r.api, ...r.silent, ...r.projectorInProcess].flatMap((x) => (x.readYourWritesMiss ? [x.readYourWritesMiss] : []));
  const pacedP99 = median(r.paced.map((x) => x.p99));
  const oneP50 = median(r.one.map((x) => x.p50));
  const clientCpu = median([...r.api, ...r.silent, ...r.fastify].map((x) => x.load.clientCpuUsPerRequest));
  const apiLabel = `API commands, ${LANES} connections, as fast as possible, default settings`;
  return {
    title: 'HTTP commands (the whole COE life, 32 connections)',
    description:
      `Issue #20's workload: ${COES} COE lives of ${COE_LIFE_LENGTH} commands each (application, review, designation, then per phase six activities, an assessment and an advance, ` +
      `five phases to the cycle's end; tools/bench/coe-life.ts), ${LANES} lanes each taking the next COE and sending its commands in order, every answer checked (non-2xx is a failure). ` +
      'In process: `WorkflowService.execute` on the durable embedded store (synchronous=FULL), no projections. Over HTTP: the API in its own process started exactly as `npm start` starts it ' +
      '(compiled JavaScript, its node flags and env) with its default settings (LOG_LEVEL, NODE_ENV, PROJECTOR unset), except what the bench must set: API_KEYS (one admin key), DATA_DIR (a fresh ' +
      'directory per API start), PORT/HOST (127.0.0.1) and RATE_LIMIT_PER_MINUTE=100000000; the silent row sets LOG_LEVEL=silent and the in-process row PROJECTOR=in-process (the read models on the API thread instead of its projection worker thread), the three taking turns to lead repeat by repeat. ' +
      `Ceilings: a bare Fastify POST route (201, small JSON, no Nest) and a bare NestJS route, each in its own process, driven by the same client. The client is undici (Pool, keep-alive, pipelining 1) in a process of its own, ` +
      `timing each request with process.hrtime; before each measured run it sends ${WARMUP_COES} untimed lives to the same server (the in-process run likewise). Paced: open loop at ${k(PACED_RATE)} requests/s for ${TIMED_MS / 1000} s (request k due at start + k/rate; latency counts from the due time, so a queue in the server shows); ` +
      `one client: one connection, sequential, ${TIMED_MS / 1000} s; both on one fresh API start. API RSS is the API process's VmHWM (highest of the default runs); server CPU is utime+stime of the whole process ` +
      '(every thread) from /proc/<pid>/stat over the run and until the read models caught up, per command served.',
    figures: [
      latencyFigure('http-in-process', `in process: WorkflowService.execute, ${LANES} lanes, durable FULL`, r.engine),
      latencyFigure('http-bare-fastify', 'bare Fastify POST route', r.fastify),
      latencyFigure('http-api-silent', 'API, LOG_LEVEL=silent', r.silent, undefined, failed(r.silent)),
      latencyFigure('http-api', apiLabel, r.api, 'http-in-process', failed(r.api)),
      latencyFigure('http-api-vs-fastify', `${apiLabel} (the same runs)`, r.api, 'http-bare-fastify', failed(r.api)),
      latencyFigure('http-api-vs-silent', `${apiLabel} (the same runs)`, r.api, 'http-api-silent', failed(r.api)),
      latencyFigure(
        'http-api-projector-in-process',
        'API, PROJECTOR=in-process (the read models on the request thread, the default before issue 20)',
        r.projectorInProcess,
        'http-in-process',
        failed(r.projectorInProcess),
      ),
      latencyFigure('http-bare-nest', 'bare NestJS/Fastify POST route (what Nest costs)', r.nest, 'http-bare-fastify', failed(r.nest)),
      latencyFigure('http-paced', `API commands paced at ${k(PACED_RATE)}/s (open loop; rate delivered)`, r.paced, undefined, failed(r.paced)),
      latencyFigure('http-one-client', 'API commands, one client, sequential', r.one, undefined, failed(r.one)),
    ],
    notes: [
      `Budget: HTTP commands at ${LANES} connections >= ${pct(BUDGET.ofInProcess)} of in-process: ${met(api >= BUDGET.ofInProcess * rate(r.engine))} in this run (${pct(api / rate(r.engine))}).`,
      `Budget: >= ${pct(BUDGET.ofFastify)} of a bare Fastify route: ${met(api >= BUDGET.ofFastify * rate(r.fastify))} in this run (${pct(api / rate(r.fastify))}).`,
      `Budget: p99 <= ${BUDGET.pacedP99Ms} ms at ${k(PACED_RATE)} commands/s paced: ${met(pacedP99 <= BUDGET.pacedP99Ms && rate(r.paced) >= 0.95 * PACED_RATE)} in this run (p99 ${ms(pacedP99)} ms, ${k(rate(r.paced))}/s delivered).`,
      `Budget: p50 <= ${BUDGET.oneClientP50Ms} ms at one client: ${met(oneP50 <= BUDGET.oneClientP50Ms)} in this run (p50 ${ms(oneP50)} ms, p99 ${ms(median(r.one.map((x) => x.p99)))} ms).`,
      `Budget: the default log level costs <= ${pct(BUDGET.logCost)} of throughput: ${met(logCost <= BUDGET.logCost && logCpuCost <= BUDGET.logCost)} in this run (${(logCost * 100).toFixed(1)} % of throughput, ${(logCpuCost * 100).toFixed(1)} % of server CPU per command; both must be within it: on a shared machine the throughput ratio alone is mostly noise).`,
      `Budget: API RSS <= ${BUDGET.rssMiB} MiB with the default settings: ${met(rss <= BUDGET.rssMiB)} in this run (peak ${k(rss)} MiB).`,
      `Budget: read-your-writes exact and projection lag under ${BUDGET.lagSeconds} s at full load: ${met(misses.length === 0 && lagSeconds < BUDGET.lagSeconds)} in this run ` +
        `(highest apo_projection_lag_seconds ${lagSeconds} s, a gauge rounded to whole seconds, and ${k(lagEvents)} events behind, about ${k((lagEvents / api) * 1000)} ms at the run's rate; sampled every ~200 ms; ${misses.length === 0 ? 'every read with X-Min-Position saw its command' : `**READ-YOUR-WRITES MISSED**: ${misses.join('; ')}`}).`,
      `Server CPU per command (median): API ${ms(cpu(r.api))} ms (LOG_LEVEL=silent ${ms(cpu(r.silent))} ms), bare NestJS ${ms(cpu(r.nest))} ms, bare Fastify ${ms(cpu(r.fastify))} ms, in process ${ms(cpu(r.engine))} ms: ` +
        `the figure to compare across machines (in process / API: ${pct(cpu(r.engine) / cpu(r.api))}; bare Fastify / API: ${pct(cpu(r.fastify) / cpu(r.api))}).`,
      `The client costs ${k(clientCpu)} µs of CPU per request (median), on the same ${availableParallelism()}-core machine as the server.`,
      `PROJECTOR=in-process (the read models on the API's thread) against the default worker thread, same sitting: ${k(rate(r.projectorInProcess))} against ${k(api)} commands/s, ` +
        `${ms(cpu(r.projectorInProcess))} against ${ms(cpu(r.api))} ms of server CPU per command, peak RSS ${k(Math.max(...r.projectorInProcess.map((x) => x.peakRssMiB)))} against ${k(rss)} MiB.`,
      'In-process peak RSS is the whole bench process (sampled every 10 ms); the others are the server process.',
    ],
  };
}
