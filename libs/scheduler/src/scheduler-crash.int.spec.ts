import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectEveryNoticeOnceAndReplayable, openDeadlineWorld } from './testing';

const REPO = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'testing/scheduler-crash-child.ts');
const KILLS = 8;

/** Runs the child until it prints `done` (true) or until it was killed `killAfterMs` after `ready` (false; Infinity: never). */
function runChild(dataDir: string, killAfterMs: number): Promise<boolean> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), CHILD, dataDir, '2025-01-01', '2031-06-30'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let finished = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready') && !child.killed && Number.isFinite(killAfterMs)) setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
      if (output.includes('done')) finished = true;
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code, signal) => {
      if (finished && code === 0) return done(true);
      if (signal === 'SIGKILL') return done(false);
      fail(new Error(`crash child exited with ${code ?? signal}:\n${output}`));
    });
  });
}

describe('deadline scheduler killed with SIGKILL at random moments', () => {
  it('still writes every notice exactly once across restarts (two schedulers per run)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduler-crash-'));
    try {
      // Eight kills at random moments, each a random 0-400 ms after the child is ready (a kill can
      // land mid-command, mid-batch or mid-tick), then a run left to finish: however slow the
      // machine, the test ends, and every restart resumes from the day the last run completed.
      let kills = 0;
      while (kills < KILLS) {
        const finished = await runChild(dir, Math.floor(Math.random() * 400));
        if (finished) break;
        kills++;
      }
      if (kills === KILLS) expect(await runChild(dir, Number.POSITIVE_INFINITY)).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(3);
      const world = await openDeadlineWorld(dir, { schedulers: 0, start: '2031-06-30' });
      try {
        await world.runner.catchUp();
        await expectEveryNoticeOnceAndReplayable(world);
      } finally {
        await world.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
