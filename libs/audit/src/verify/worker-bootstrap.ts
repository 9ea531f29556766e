import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 };

/**
 * Starts a worker thread on a module of this library. Compiled (.js) it is required directly;
 * as TypeScript source (npm start, the CLI, jest) a tiny CommonJS bootstrap first requires the
 * repository's tools/register.js (@swc-node/register with the workspace path aliases), so the
 * worker runs the same sources the caller does.
 */
export function startModuleWorker(entry: string, workerData: unknown): Worker {
  const register = entry.endsWith('.ts') ? findRegister(dirname(entry)) : undefined;
  const bootstrap = [
    "'use strict';",
    `if (${JSON.stringify(register ?? '')}) require(${JSON.stringify(register ?? '')});`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  // The parent's flags (e.g. jest's or a relative -r) stay out of the worker. A small
  // young generation and a bounded old one make V8 collect the batches' garbage early instead of
  // letting each worker grow by hundreds of MiB; 256 MiB still holds batches of very long streams.
  // Profiling flags are the exception (`npm run profile`): each worker writes its own profile.
  const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
  return new Worker(bootstrap, { eval: true, workerData, execArgv, resourceLimits: WORKER_LIMITS });
}

function findRegister(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tools', 'register.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot run ${from} in a worker: no tools/register.js above it to compile TypeScript`);
  }
}
