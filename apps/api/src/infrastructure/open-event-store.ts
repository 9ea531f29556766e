import { join, resolve } from 'node:path';
import type { EventStore } from '@apo/event-store';
import type { ApiEnvironment } from '../config/api-config';

/** The configured store: embedded SQLite under DATA_DIR (default) or EventStoreDB. */
export async function openEventStore(env: ApiEnvironment): Promise<{ store: EventStore; kind: string }> {
  if (env.EVENT_STORE === 'eventstoredb') {
    const { openEsdbEventStore } = await import('@apo/event-store/esdb');
    return { store: await openEsdbEventStore(env.EVENTSTORE_CONNECTION_STRING as string), kind: 'eventstoredb' };
  }
  const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
  return { store: await openSqliteEventStore({ dataDir: resolve(env.DATA_DIR) }), kind: 'sqlite' };
}

export const devKeysFile = (env: ApiEnvironment): string => join(resolve(env.DATA_DIR), 'dev-api-keys.json');

/** The read store: READ_DATABASE_URL, else a SQLite file beside the embedded event store. */
export const readStoreUrl = (env: ApiEnvironment): string => env.READ_DATABASE_URL ?? join(resolve(env.DATA_DIR), 'read.sqlite');
