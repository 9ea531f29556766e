import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** What one run of the CLI printed and how it exited. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real CLI (`coe`) in its own process, from the sources, without the store settings of the test's environment. */
export function runCli(args: readonly string[]): Promise<CliRun> {
  const env = { ...process.env };
  for (const key of ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING', 'READ_DATABASE_URL']) delete env[key];
  return new Promise((done) =>
    execFile(
      process.execPath,
      ['-r', './tools/register.js', 'apps/cli/src/main.ts', ...args],
      { cwd: ROOT, env, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
