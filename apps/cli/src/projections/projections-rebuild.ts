import type { Projection, ReadStore } from '@apo/read-store';
import { readModelNames, readModelProjections, ProjectionRunner } from '@apo/projections';
import type { EventStore } from '@apo/event-store';
import { CliError, openStore, registry, type StoreOptions } from '../cli-context';
import { failedEventsText } from './projections-status';
import { openReadDatabase, type ReadDatabaseOptions } from './read-database';
import { formatSeconds, rebuildProgress } from './rebuild-progress';

export interface RebuildOptions extends StoreOptions, ReadDatabaseOptions {
  /** Give up (exit 1) after this many seconds waiting for another runner's lease; default: wait. */
  readonly waitTimeout?: number;
  /** Where the progress and the summary line go (default stdout; stderr when stdout carries a caller's JSON). */
  readonly output?: NodeJS.WriteStream;
}

/** `coe projections rebuild [name]`: empties one projection (or all) and replays the log into it. */
export async function rebuildProjections(name: string | undefined, options: RebuildOptions): Promise<void> {
  const names = readModelNames();
  if (name !== undefined && !names.includes(name)) {
    throw new CliError(`unknown projection "${name}"; known projections: ${names.join(', ')}`, 2);
  }
  const store = await openStore(options);
  try {
    const projections = readModelProjections({ registry: registry(), store });
    const readStore = await openReadDatabase(options);
    try {
      await rebuildWith(store, readStore, projections, name, options.waitTimeout, options.output ?? process.stdout);
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

async function rebuildWith(
  store: EventStore,
  readStore: ReadStore,
  projections: Projection[],
  name: string | undefined,
  waitTimeout: number | undefined,
  output: NodeJS.WriteStream,
): Promise<void> {
  // onBatch precedes onProgress for each batch of the rebuild: count only those batches.
  let lastBatch = 0;
  let eventsRead = 0;
  const runner = new ProjectionRunner({ store, readStore, projections, leasePollMs: 250, onBatch: (_upTo, events) => void (lastBatch = events) });
  try {
    await takeLease(runner, readStore, waitTimeout);
    const what = name ?? `all ${projections.length} projections`;
    const progress = rebuildProgress(`rebuilding ${what}`, output);
    let head = 0;
    const began = Date.now();
    try {
      await runner.rebuild(name, (done, total) => {
        head = total;
        eventsRead += lastBatch;
        lastBatch = 0;
        progress.update(done, total);
      });
    } finally {
      progress.finish();
    }
    const seconds = (Date.now() - began) / 1000;
    const rate = seconds > 0 ? Math.round(eventsRead / seconds) : eventsRead;
    output.write(
      head === 0
        ? `rebuilt ${what}: the event log is empty\n`
        : `rebuilt ${what} up to position ${head}: ${eventsRead} events read in ${seconds < 60 ? `${seconds.toFixed(1)}s` : formatSeconds(seconds)} (${rate} events/s)\n`,
    );
    const rebuilt = (await runner.status()).filter((s) => name === undefined || s.name === name);
    const failed = rebuilt.reduce((sum, s) => sum + s.failedEvents, 0);
    if (failed > 0) {
      process.stderr.write(failedEventsText(rebuilt).trimStart());
      throw new CliError(
        `${failed} event${failed === 1 ? '' : 's'} could not be applied or read and were skipped (listed above); fix the projection or the log, then rebuild`,
        4,
      );
    }
  } finally {
    await runner.stop();
  }
}

/** Starts the runner; says so when another runner (an API, a projector) holds the lease. */
async function takeLease(runner: ProjectionRunner, readStore: ReadStore, waitTimeout: number | undefined): Promise<void> {
  const probe = await readStore.tryAcquireLease();
  if (probe) await probe.release();
  else {
    const limit = waitTimeout === undefined ? 'Ctrl-C to give up' : `giving up after ${waitTimeout}s`;
    process.stderr.write(`waiting for the projection lease held by another runner (a running API or projector on ${readStore.location}; ${limit})...\n`);
  }
  const started = runner.start();
  if (waitTimeout === undefined) return started;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    started.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), waitTimeout * 1000))),
  ]).finally(() => clearTimeout(timer));
  if (timedOut && runner.state === 'waiting-for-lease') {
    await runner.stop();
    throw new CliError(`gave up after ${waitTimeout}s: another runner still holds the projection lease of ${readStore.location}`, 1);
  }
  await started;
}
