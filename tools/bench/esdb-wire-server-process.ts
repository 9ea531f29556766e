/**
 * The EventStoreDB wire test server in a process of its own (forked by multi-process-bench.ts), so
 * its CPU is measured apart from the API processes and the load generator. Sends
 * `{ connectionString }` once listening; answers the message `calls` with its call counts; stops
 * when its parent disconnects.
 */
import { startEsdbWireServer } from '@apo/event-store/testing';

startEsdbWireServer().then(
  (server) => {
    process.on('message', (message) => {
      if (message === 'calls') process.send?.({ calls: server.calls() });
    });
    process.on('disconnect', () => void server.stop().finally(() => process.exit(0)));
    process.send?.({ connectionString: server.connectionString });
  },
  (error: unknown) => {
    process.stderr.write(`wire server failed to start: ${String(error)}\n`);
    process.exit(1);
  },
);
