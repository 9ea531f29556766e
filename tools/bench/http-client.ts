/**
 * The HTTP bench's client: COE lives over undici keep-alive connections (pipelining 1), each
 * request timed with process.hrtime. `lanes` lanes run at once; each takes the next COE and sends
 * its commands in order, waiting for each answer. Paced runs are open loop: request k is due at
 * start + k / rate, a lane sends it no earlier, and its latency counts from that due time, so a
 * server that falls behind shows its queue instead of slowing the client down with it (no
 * coordinated omission). Run in its own process (see runInChild) so the bench's heap stays out of it.
 */
import { fork } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { COE_LIFE_LENGTH, coeLife, httpRequest } from './coe-life';

export interface LoadOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** Concurrent lanes, one connection each. */
  readonly lanes: number;
  /** COE lives to run (ids `<prefix>-0` ...); a timed run stops early at `durationMs`. */
  readonly coes: number;
  readonly prefix: string;
  /** Open-loop arrival rate (requests/s); absent: as fast as the answers come. */
  readonly ratePerSecond?: number;
  /** Stop sending after this long (the commands in flight finish). */
  readonly durationMs?: number;
  /** Untimed COE lives first (ids `<prefix>-warm-0` ...), as fast as possible: the JIT and heap warmed before the measure. */
  readonly warmupCoes?: number;
}

export interface LoadResult {
  readonly requests: number;
  /** Answers that were not 2xx, and requests that got no answer. */
  readonly failures: number;
  /** The first few failures, for the report. */
  readonly failureSamples: readonly string[];
  readonly elapsedMs: number;
  readonly p50: number;
  readonly p99: number;
  /** The client's own CPU per request (user + system), microseconds. */
  readonly clientCpuUsPerRequest: number;
}

const nearestRank = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** Runs the load in this process. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.url, { connections: options.lanes, pipelining: 1, keepAliveTimeout: 60_000 });
  const headers = { ...options.headers, 'content-type': 'application/json' };
  const latencies = new Float64Array(options.coes * COE_LIFE_LENGTH);
  const failureSamples: string[] = [];
  let requests = 0;
  let failures = 0;
  let nextCoe = 0;
  let ticket = 0;
  const intervalNs = options.ratePerSecond ? 1e9 / options.ratePerSecond : 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = options.durationMs === undefined ? Infinity : Number(start) + options.durationMs * 1e6;

  /** One command; true when its answer is 2xx. */
  const send = async (id: string, command: ReturnType<typeof coeLife>[number]): Promise<boolean> => {
    const { path, body } = httpRequest(id, command);
    let from = process.hrtime.bigint();
    if (intervalNs > 0) {
      const due = start + BigInt(Math.round(ticket++ * intervalNs));
      const wait = Number(due - from) / 1e6;
      if (wait > 0.5) await sleep(wait);
      from = due;
    }
    try {
      const answer = await pool.request({ method: 'POST', path, headers, body });
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      if (ok) await answer.body.dump();
      else {
        const text = await answer.body.text();
        if (failureSamples.length < 5) failureSamples.push(`${command.type} ${path}: ${answer.statusCode} ${text.slice(0, 300)}`);
      }
      latencies[requests++] = Number(process.hrtime.bigint() - from) / 1e6;
      return ok;
    } catch (error) {
      if (failureSamples.length < 5) failureSamples.push(`${command.type} ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  const lane = async () => {
    while (nextCoe < options.coes && Number(process.hrtime.bigint()) < deadline) {
      const id = `${options.prefix}-${nextCoe++}`;
      for (const command of coeLife(id)) {
        if (Number(process.hrtime.bigint()) >= deadline) return;
        // A failed command leaves the COE where it was: the rest of its life would fail too.
        if (!(await send(id, command))) {
          failures++;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.lanes }, lane));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  await pool.close();
  const sorted = latencies.subarray(0, requests).sort();
  return {
    requests,
    failures,
    failureSamples,
    elapsedMs,
    p50: nearestRank(sorted, 50),
    p99: nearestRank(sorted, 99),
    clientCpuUsPerRequest: (used.user + used.system) / Math.max(1, requests),
  };
}

/**
 * Runs the load in a child process of its own and answers its result; `measureFrom` is called
 * between the warm-up and the measured load (e.g. to read the server's CPU time there).
 */
export function runInChild(options: LoadOptions, measureFrom: () => void = () => undefined): Promise<LoadResult> {
  const register = join(resolve(__dirname, '../..'), 'tools/register.js');
  const child = fork(__filename, [], { execArgv: ['-r', register], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((done, fail) => {
    child.on('message', (message) => {
      if (message === 'warm') return void (measureFrom(), child.send('go'));
      done(message as LoadResult);
    });
    child.once('exit', (code) => fail(new Error(`the HTTP client exited with ${code} before answering`)));
    child.send(options);
  });
}

async function childMain(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupCoes)
    await runLoad({ ...options, coes: options.warmupCoes, prefix: `${options.prefix}-warm`, ratePerSecond: undefined, durationMs: undefined });
  process.send?.('warm');
  await new Promise((go) => process.once('message', go));
  return runLoad(options);
}

if (require.main === module)
  process.once('message', (options) => {
    void childMain(options as LoadOptions).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  });
