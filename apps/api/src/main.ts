/** `npm start`: the API on the embedded store (or whatever the environment configures). */
import { ConfigError } from './config/api-config';
import { startApi, type RunningApi } from './bootstrap';
import { printToLog } from './infrastructure/api-logger';
import { startupBanner } from './startup-banner';

/**
 * The start-up lines the background jobs log right after listening (the projection runner taking
 * its lease, the hash chain check) come first, so the banner with the keys ends the output; never
 * more than `maxMs` of waiting.
 */
async function settled(api: RunningApi, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  const timeout = new Promise((resolve) => setTimeout(resolve, maxMs).unref());
  await Promise.race([api.integrity.settled(), timeout]);
  while (Date.now() < deadline && api.readModels.runnerState === 'waiting-for-lease') {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setImmediate(resolve));
}

startApi(process.env)
  .then(async (api) => {
    await settled(api, 2_000);
    // In production the log is JSON lines only: the banner's news is one of them.
    if (process.env.NODE_ENV === 'production')
      api.log.info({ url: api.url, openApi: `${api.url}/docs`, health: `${api.url}/health` }, 'APO workflow API listening');
    else printToLog(api.log, startupBanner(api.url, process.env.DATA_DIR ?? './data', api.createdKeys));
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? '' : 'startup failed: '}${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
