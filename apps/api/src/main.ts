/** `npm start`: the API on the embedded store (or whatever the environment configures). */
import { ConfigError } from './config/api-config';
import { startApi } from './bootstrap';

startApi(process.env)
  .then((api) => {
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`APO workflow API listening on ${api.url} (OpenAPI at ${api.url}/docs, health at ${api.url}/health)`);
    if (api.createdKeys) {
      out('Development API keys (shown once; their hashes are kept in DATA_DIR/dev-api-keys.json):');
      for (const [role, key] of Object.entries(api.createdKeys)) out(`  ${role.padEnd(9)} ${key}`);
    }
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? '' : 'startup failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
