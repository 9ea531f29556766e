import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread on a module file (the deadlines fold, the audit's verify). Compiled (.js) it is required directly;
 * as TypeScript source (npm start:dev, the CLI, jest, the bench) a tiny CommonJS bootstrap first
 * requires the repository's tools/register.js, so the worker runs the same sources the caller does.
 */
export function startModuleWorker(entry: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const register = entry.endsWith('.ts') ? findRegister(dirname(entry)) : '';
  const bootstrap = ["'use strict';", `if (${JSON.stringify(register)}) require(${JSON.stringify(register)});`, `require(${JSON.stringify(entry)});`].join(
    '\n',
  );
  // The parent's flags (jest's, a relative -r) stay out of the worker, but for profiling
  // (`npm run profile`): each worker then writes its own profile.
  const execArgv = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));
  return new Worker(bootstrap, { eval: true, workerData, execArgv, resourceLimits });
}

function findRegister(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tools', 'register.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot run ${from} in a worker: no tools/register.js above it to compile TypeScript`);
  }
}
