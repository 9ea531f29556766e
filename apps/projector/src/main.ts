/**
 * `npm run projector`: keeps the read models in its own process (production: the API runs with
 * PROJECTOR=external). Same store variables as the API; /health and /metrics on PROJECTOR_PORT.
 * Exit codes: 0 stopped by SIGTERM/SIGINT, 1 could not start, 2 bad configuration.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { ConfigError } from '@apo/runtime';
import { loadProjectorEnvironment } from './projector-config';
import { startProjector } from './start-projector';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

function loggerFor(level: string): ConsoleLogger {
  const upTo = level === 'silent' ? -1 : LEVELS.indexOf(level === 'info' ? 'log' : (level as LogLevel));
  return new ConsoleLogger('Projector', { json: true, logLevels: LEVELS.slice(0, upTo + 1) });
}

async function main(): Promise<void> {
  let env;
  try {
    env = loadProjectorEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = loggerFor(env.LOG_LEVEL);
  let projector;
  try {
    projector = await startProjector(env, logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    const code = (error as { code?: unknown }).code;
    const hint =
      code === 'STORE_LOCKED'
        ? ' (the embedded store is open in another process, e.g. the API: run the API with PROJECTOR=worker or in-process, or use EventStoreDB)'
        : '';
    logger.fatal(`projector could not start: ${error instanceof Error ? error.message : String(error)}${hint}`);
    process.exit(1);
  }
  const running = projector;
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      logger.warn(`${signal} again: exiting without a clean stop`);
      process.exit(1);
    }
    logger.log(`${signal}: stopping (applying what was read, releasing the lease)`);
    running.stop().then(
      () => {
        logger.log('projector stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`projector did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`projector failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
