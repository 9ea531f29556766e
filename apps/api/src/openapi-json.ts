/**
 * Prints the OpenAPI document the API serves at /docs-json, built without listening: the
 * application on a throw-away data directory, no port, no background work. `npm run
 * openapi:client` turns it into the typed client's types.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from './bootstrap';
import { openApiDocument } from './http/openapi-document';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openapi-json-'));
  const api = await startApi({ NODE_ENV: 'test', DATA_DIR: dataDir, API_KEYS: '[]', LOG_LEVEL: 'silent', SCHEDULER: 'off' }, { listen: false });
  try {
    process.stdout.write(`${JSON.stringify(openApiDocument(api.app))}\n`);
  } finally {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
