/**
 * A projector process for the crash test: follows `<dataDir>`'s event store into the SQLite read
 * store `<readStore>` in batches of `<batchSize>` (a from-zero rebuild writing every
 * `<rebuildWriteEvents>` events) and prints `batch <position>` after every batch and `caught-up`
 * once it reaches the head. Run with `node -r tools/register.js`.
 */
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { openReadStore } from '@apo/read-store';
import { readModelProjections } from '../read-model-catalogue';
import { ProjectionRunner } from '../runner/projection-runner';

const [dataDir, url, batchSize, rebuildWriteEvents] = process.argv.slice(2);

const main = async () => {
  const store = await openSqliteEventStore({ dataDir });
  const readStore = await openReadStore({ url });
  const runner = new ProjectionRunner({
    store,
    readStore,
    projections: readModelProjections({ registry: createRegistry(), store }),
    batchSize: Number(batchSize),
    rebuildWriteEvents: Number(rebuildWriteEvents),
    onBatch: (upTo) => process.stdout.write(`batch ${upTo}\n`),
    onError: (error) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(2);
    },
  });
  await runner.start();
  await runner.catchUp();
  process.stdout.write('caught-up\n');
  await runner.stop();
  await readStore.close();
  await store.close();
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
