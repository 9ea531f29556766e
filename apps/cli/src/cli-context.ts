import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DefinitionRegistry } from '@apo/engine';
import { createRegistry } from '@apo/programmes';
import type { EventStore } from '@apo/event-store';
import { ConfigError, loadEnvironment, ProgrammesEnvironment, programmesConfig, programmesProblems } from '@apo/runtime';

/** Where the CLI finds the event store: flags first, then the same environment variables as the API. */
export interface StoreOptions {
  readonly dataDir?: string;
  readonly eventstore?: string;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** `create`: a writer (import) may start a new embedded store; readers refuse a missing one. */
export async function openStore(options: StoreOptions, create = false): Promise<EventStore> {
  const connection = options.eventstore ?? (process.env.EVENT_STORE === 'eventstoredb' ? process.env.EVENTSTORE_CONNECTION_STRING : undefined);
  if (connection) {
    if (!/^esdb(\+discover)?:\/\//.test(connection)) throw new CliError(`--eventstore must be an esdb:// or esdb+discover:// URL (got ${connection})`);
    const { openEsdbEventStore } = await import('@apo/event-store/esdb');
    return openEsdbEventStore(connection);
  }
  const { openSqliteEventStore, STORE_FILE_NAME } = await import('@apo/event-store/sqlite');
  const dataDir = resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data');
  // The CLI only reads the log: a mistyped directory must not become a new, empty (and "clean") store.
  if (!create && !existsSync(join(dataDir, STORE_FILE_NAME)))
    throw new CliError(`no event store in ${dataDir} (expected ${STORE_FILE_NAME}); check --data-dir or DATA_DIR`, 3);
  return openSqliteEventStore({ dataDir });
}

/**
 * Every workflow definition version the store may contain (every programme: libs/programmes),
 * with the programme dates of the environment (COE_PROPOSAL_CLOSING_DATES, BCN_CLOSING_DATES,
 * BCN_REPORT_DUE_DAYS, ...), so a rebuild derives the same deadlines as the API. Replay and audit
 * do not depend on them: every decision wrote the dates it was judged against into its event.
 */
export function registry(): DefinitionRegistry {
  try {
    return createRegistry(programmesConfig(loadEnvironment(ProgrammesEnvironment, process.env, programmesProblems)));
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
