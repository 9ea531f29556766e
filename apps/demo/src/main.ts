/**
 * `npm start` (for now): one COE through its whole life on the embedded SQLite store under
 * ./data (or DATA_DIR), then its history and a verification. The API server replaces this.
 */
import { join } from 'node:path';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { runDemo } from './run-demo';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? join(process.cwd(), 'data');
  const store = await openSqliteEventStore({ dataDir });
  try {
    const outcome = await runDemo(store, `demo-${Date.now().toString(36)}`, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`\nStored in ${dataDir}. Final state: ${outcome.finalState}.\n`);
    process.exitCode = outcome.divergences === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
