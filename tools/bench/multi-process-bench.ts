import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { openEsdbEventStore } from '@apo/event-store/esdb';
import { asNpmStart, peakRssMiB, startServer } from './http-bench';
import type { Figure, Section } from './report';
import { spread } from './stats';
import { removeDir, scratchDir } from './workload';
import { submitApplication } from '@apo/coe/testing';

const REPO = resolve(__dirname, '../..');
const KEY = 'bench_admin_key_0123456789abcdef';
const KEY_SHA256 = createHash('sha256').update(KEY).digest('hex');
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const APPEND = '/event_store.client.streams.Streams/Append';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** The wire test server in its own process: its connection string, call counts and CPU. */
interface WireServer {
  readonly child: ChildProcess;
  readonly connectionString: string;
  calls(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

async function startWireServer(): Promise<WireServer> {
  const child = fork(join(__dirname, 'esdb-wire-server-process.ts'), [], { cwd: REPO, execArgv: ['-r', join(REPO, 'tools/register.js')] });
  const connectionString = await new Promise<string>((done, fail) => {
    child.once('message', (m) => done((m as { connectionString: string }).connectionString));
    child.once('exit', (code) => fail(new Error(`wire server exited with ${code}`)));
  });
  return {
    child,
    connectionString,
    calls: () =>
      new Promise((done) => {
        child.once('message', (m) => done((m as { calls: Record<string, number> }).calls));
        child.send('calls');
      }),
    stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.disconnect()))),
  };
}

/** utime + stime of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function post(url: string, path: string, body: unknown): Promise<void> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/** COEs in their designation year (through the first process), ready to take records. */
async function seed(url: string, coes: number): Promise<void> {
  for (let i = 0; i < coes; i++) {
    const id = `multi-${i}`;
    await post(url, `/coes/${id}/application`, submitApplication({ name: `COE ${i}` }).data);
    await post(url, `/coes/${id}/review`, { startedOn: '2025-02-01' });
    await post(url, `/coes/${id}/designation`, { governingBody: { meeting: '65th GBM', decisionDate: '2025-04-15' }, launchDate: '2025-07-01' });
  }
}

/**
 * Activities (70 %) and publications, ids unique per client, on the COEs `lane` of `lanes`: all
 * of them (one lane: every process's clients write to every COE) or, routed by COE id, the COEs
 * whose number is `lane` modulo `lanes` (each COE written through one process only).
 */
function records(client: string, coes: number, lane: number, lanes: number): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    headers,
    setupRequest: (request) => {
      n++;
      const id = `multi-${(((n * 7919) % Math.ceil(coes / lanes)) * lanes + lane) % coes}`;
      if (n % 10 < 7) {
        const body = { activityId: `a-${client}-${n}`, kind: 'training', title: 'Bootcamp', date: '2025-10-01', participants: [{ economy: 'TH', count: 10 }] };
        return { ...request, path: `/coes/${id}/activities`, body: JSON.stringify(body) };
      }
      const body = { publicationId: `p-${client}-${n}`, kind: 'caseStudy', title: 'Lean SMEs', date: '2025-11-01' };
      return { ...request, path: `/coes/${id}/publications`, body: JSON.stringify(body) };
    },
  };
}

interface Run {
  readonly commandsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  /** CPU ms per acknowledged command: all API processes together, and the wire server. */
  readonly apiCpuMs: number;
  readonly storeCpuMs: number;
  /** Appends refused on the expected revision (and tried again) per stored command. */
  readonly conflicts: number;
  /** CPU ms of each API process during the run. */
  readonly perProcessMs: number[];
  /** Answers other than 2xx by status. */
  readonly refused: Record<string, number>;
}

let loads = 0;

const refusedByStatus = (results: autocannon.Result[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const result of results)
    for (const [status, { count = 0 } = {}] of Object.entries(result.statusCodeStats ?? {}))
      if (!status.startsWith('2')) counts[status] = (counts[status] ?? 0) + count;
  return counts;
};

/** CONNECTIONS split evenly over the processes, all at once, on the same COEs. */
async function load(urls: readonly string[], pids: readonly number[], wire: WireServer, coes: number, routed: boolean): Promise<Run> {
  const run = ++loads;
  // The wire server numbers its events 1, 2, 3...: the head's move is the events stored.
  const log = await openEsdbEventStore(wire.connectionString);
  const before = { api: pids.map(cpuMs), wire: cpuMs(wire.child.pid as number), appends: (await wire.calls())[APPEND] ?? 0, head: await log.headPosition() };
  const results = await Promise.all(
    urls.map((url, i) =>
      autocannon({
        url,
        connections: CONNECTIONS / urls.length,
        duration: DURATION_S,
        requests: [routed ? records(`${run}-${i}`, coes, i, urls.length) : records(`${run}-${i}`, coes, 0, 1)],
      }),
    ),
  );
  const apiCpu = pids.reduce((sum, pid, i) => sum + cpuMs(pid) - before.api[i], 0);
  const wireCpu = cpuMs(wire.child.pid as number) - before.wire;
  const appends = ((await wire.calls())[APPEND] ?? 0) - before.appends;
  const stored = Number((await log.headPosition()) - before.head);
  await log.close();
  const acknowledged = results.reduce((sum, r) => sum + r.requests.total - r.non2xx - r.errors - r.timeouts, 0);
  return {
    commandsPerSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    apiCpuMs: apiCpu / acknowledged,
    storeCpuMs: wireCpu / acknowledged,
    // Every command appends one event: the other appends were refused on the expected revision.
    conflicts: (appends - stored) / stored,
    perProcessMs: pids.map((pid, i) => cpuMs(pid) - before.api[i]),
    refused: refusedByStatus(results),
  };
}

/** One scenario: a fresh wire server, `processes` API processes as npm start runs them, `coes` COEs. */
async function scenario(processes: number, coes: number, runs: number, log: (line: string) => void, routed = false): Promise<{ runs: Run[]; rss: number }> {
  const wire = await startWireServer();
  const dir = scratchDir();
  const command = asNpmStart();
  const apis: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const dataDir = join(dir, `api-${i}`);
      mkdirSync(dataDir);
      apis.push(
        await startServer(command, {
          DATA_DIR: dataDir,
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_CONNECTION_STRING: wire.connectionString,
          // One read store; the in-process runner of whichever process takes its lease keeps it.
          READ_DATABASE_URL: `sqlite:${join(dir, 'read.sqlite')}`,
          LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
          NODE_ENV: 'production',
          RATE_LIMIT_PER_MINUTE: '100000000',
          API_KEYS: JSON.stringify([{ principal: 'bench', role: 'admin', sha256: KEY_SHA256 }]),
        }),
      );
    }
    await seed(apis[0].url, coes);
    const pids = apis.map((a) => a.child.pid as number);
    const idleFrom = pids.map(cpuMs);
    await new Promise((r) => setTimeout(r, 3000));
    log(`idle: ${pids.map((pid, i) => Math.round((cpuMs(pid) - idleFrom[i]) / 3)).join(', ')} ms CPU per s`);
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await load(
        apis.map((a) => a.url),
        pids,
        wire,
        coes,
        routed,
      );
      measured.push(r);
      log(
        `${processes} API process(es)${routed ? ' routed by COE' : ''}, ${coes} COEs: ${Math.round(r.commandsPerSecond)} commands/s, p99 ${r.p99} ms, API ${r.apiCpuMs.toFixed(2)} ms CPU/command, wire server ${r.storeCpuMs.toFixed(2)} ms, ${r.conflicts.toFixed(3)} conflicts/command, ${r.failures} failed ${JSON.stringify(r.refused)}; CPU ms per process ${r.perProcessMs.join(', ')}, acknowledged ${Math.round(r.commandsPerSecond * DURATION_S)}`,
      );
    }
    return { runs: measured, rss: Math.max(...pids.map(peakRssMiB)) };
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
    await wire.stop();
    removeDir(dir);
  }
}

const median = (values: number[]) => spread(values).median;

const figure = (id: string, label: string, { runs, rss }: { runs: Run[]; rss: number }, ceiling?: string): Figure => {
  const failures = runs.reduce((sum, r) => sum + r.failures, 0);
  const cpu = `API ${median(runs.map((r) => r.apiCpuMs)).toFixed(2)} ms CPU/command (all processes), wire server ${median(runs.map((r) => r.storeCpuMs)).toFixed(2)} ms; ${median(runs.map((r) => r.conflicts)).toFixed(3)} conflicts/command`;
  return {
    id,
    label,
    eventsPerSecond: spread(runs.map((r) => r.commandsPerSecond)),
    latencyMs: { p50: spread(runs.map((r) => r.p50)), p99: spread(runs.map((r) => r.p99)) },
    peakRssMiB: rss,
    ceiling,
    note: failures > 0 ? `${cpu}; ${failures} failed requests` : cpu,
  };
};

/**
 * `npm run bench -- multi` (opt-in): one against two API processes on the EventStoreDB wire test
 * server, the same 32 connections split over them, on 200 COEs (every COE through both processes,
 * or each through one: routed by id) and on 4 hot ones.
 */
export async function multiProcessSection(repeats: number, log: (line: string) => void): Promise<Section> {
  const runs = Math.max(1, Math.min(repeats, 3));
  const oneWide = await scenario(1, 200, runs, log);
  const twoWide = await scenario(2, 200, runs, log);
  const twoRouted = await scenario(2, 200, runs, log, true);
  const oneHot = await scenario(1, 4, runs, log);
  const twoHot = await scenario(2, 4, runs, log);
  return {
    title: 'Several API processes on EventStoreDB (wire test server)',
    description: `Activities and publications (70/30) over the same COEs in designation, ${CONNECTIONS} keep-alive connections split evenly over the API processes (autocannon, ${DURATION_S} s per run), each process started as npm start starts it, on one wire test server (a Node fake of EventStoreDB, in its own process) and one SQLite read store whose lease one process holds. CPU per acknowledged command from /proc/<pid>/stat; conflicts: appends the server refused on the expected revision per command stored.`,
    figures: [
      figure('multi-1-wide', 'one API process, 200 COEs', oneWide),
      figure('multi-2-wide', 'two API processes, 200 COEs, every COE through both', twoWide, 'multi-1-wide'),
      figure('multi-2-routed', 'two API processes, 200 COEs, each COE through one (routed by id)', twoRouted, 'multi-1-wide'),
      figure('multi-1-hot', 'one API process, 4 hot COEs', oneHot),
      figure('multi-2-hot', 'two API processes, 4 hot COEs, every COE through both', twoHot, 'multi-1-hot'),
    ],
    notes: [
      'The machine has 2 cores shared by the API processes, the wire server, the projection runner and autocannon: a second process adds no core here, so the throughput figure cannot grow much; the CPU per command says what it costs.',
    ],
  };
}
