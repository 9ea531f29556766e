/**
 * Crash-test child: lives through the deadline plan with two schedulers on a store under
 * `argv[2]`, resuming from the last day it finished (`progress.txt`), printing `ready` once open
 * and `done` at the end. The test SIGKILLs it at random moments and starts it again.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadlineLifePlan, liveThrough, nextDay } from './deadline-life';
import { openDeadlineWorld } from './deadline-world';

const [dataDir, start, end] = process.argv.slice(2);

const main = async () => {
  const progress = join(dataDir, 'progress.txt');
  const from = existsSync(progress) ? nextDay(readFileSync(progress, 'utf8').trim()) : start;
  const world = await openDeadlineWorld(dataDir, { schedulers: 2, start: from });
  process.stdout.write(`ready ${from}\n`);
  // Replaced whole (write, then rename), so a kill never leaves a torn progress file behind.
  await liveThrough(world, deadlineLifePlan(), from, end, (day) => {
    writeFileSync(`${progress}.next`, day);
    renameSync(`${progress}.next`, progress);
  });
  await world.close();
  process.stdout.write('done\n');
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
