/**
 * The projection worker thread (PROJECTOR=worker): the API's projection runner, supervised as
 * in-process (lease, checkpoints, failed events, restarts), on its own connection to the read
 * store, reading the event log through the API's thread (`StoreClient`). See `WorkerProjector`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRegistry } from '@apo/programmes';
import { readModelProjections } from '@apo/projections';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { ProjectionSupervisor } from '../projection-supervisor';
import { transparencyCheckpointing } from '../transparency-checkpointing';
import { StoreClient } from './store-client';
import { isWorkerMessage, type FromWorker, type ProjectionWorkerData, type ToWorker } from './worker-wire';

/** How long a stopping worker may take to apply the events appended before it was asked to stop. */
const CATCH_UP_ON_STOP_MS = 2_000;

if (!parentPort) throw new Error('projection-worker runs in a worker thread');
const port = parentPort;
const data = workerData as ProjectionWorkerData;
const post = (message: FromWorker) => port.postMessage(message);

async function main(): Promise<void> {
  const store = new StoreClient(port);
  const registry = createRegistry(data.programmes);
  const readStore: ReadStore = await openReadStore({ url: data.readStoreUrl });
  const checkpointing = data.transparency && transparencyCheckpointing(data.transparency);
  const supervisor = new ProjectionSupervisor({
    store,
    readStore,
    projections: readModelProjections({ registry, store, transparency: checkpointing?.projection }),
    timedCheckpoints: checkpointing?.timer,
    logger: {
      log: (message) => post({ t: 'log', level: 'log', message }),
      error: (message, trace) => post({ t: 'log', level: 'error', message, ...(trace === undefined ? {} : { trace }) }),
    },
    batchSize: data.batchSize,
    leasePollMs: data.leasePollMs,
    restartDelayMs: data.restartDelayMs,
    onBatch: (upTo, events) => post({ t: 'batch', upTo, events }),
  });
  let reported: string | undefined;
  const report = () => {
    const { state, error } = supervisor;
    if (`${state}:${error}` === reported) return;
    reported = `${state}:${error}`;
    post({ t: 'state', state, ...(error === undefined ? {} : { error }) });
  };
  const reporting = setInterval(report, 25);
  port.on('message', (message: unknown) => {
    if (!isWorkerMessage(message)) return;
    const request = message as ToWorker;
    if (request.t === 'health') void supervisor.health().then((value) => post({ t: 'reply', id: request.id, value }));
    else if (request.t === 'wait') {
      supervisor.waitForPosition(request.position, request.timeoutMs).then(
        (value) => post({ t: 'reply', id: request.id, value }),
        () => post({ t: 'reply', id: request.id, value: false }),
      );
    } else if (request.t === 'stop') {
      void (async () => {
        // The SIGTERM path: catch up with the log as it is (briefly), apply what was read, then
        // stop, all before the store's thread closes anything.
        if (supervisor.state === 'running') await supervisor.waitForPosition(await store.headPosition().catch(() => 0n), CATCH_UP_ON_STOP_MS);
        await supervisor.stop();
        clearInterval(reporting);
        report();
        await readStore.close();
        await store.close();
        post({ t: 'stopped' });
      })();
    }
  });
  supervisor.start();
  report();
}

main().catch((error: unknown) => {
  post({ t: 'fatal', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  process.exit(1);
});
