import { join, resolve } from 'node:path';
import type { EventStore } from '@apo/event-store';
import { KEY_STORE_FILE_NAME, PersonalData, PostgresKeyStore, SqliteKeyStore } from '@apo/personal-data';
import { parseReadStoreUrl } from '@apo/read-store';
import type { ProgrammesEnvironment } from './programmes-environment';
import type { StoreEnvironment } from './store-environment';

export type EventStoreKind = 'sqlite' | 'eventstoredb';

/**
 * The configured event store: embedded SQLite under DATA_DIR (default) or EventStoreDB. The
 * embedded store belongs to one process at a time (a second one gets STORE_LOCKED).
 */
export async function openEventStore(env: StoreEnvironment): Promise<{ store: EventStore; kind: EventStoreKind }> {
  if (env.EVENT_STORE === 'eventstoredb') {
    const { openEsdbEventStore } = await import('@apo/event-store/esdb');
    return { store: await openEsdbEventStore(env.EVENTSTORE_CONNECTION_STRING as string), kind: 'eventstoredb' };
  }
  const { openSqliteEventStore } = await import('@apo/event-store/sqlite');
  return { store: await openSqliteEventStore({ dataDir: resolve(env.DATA_DIR) }), kind: 'sqlite' };
}

/** The read store: READ_DATABASE_URL, else a SQLite file beside the embedded event store. */
export const readStoreUrl = (env: StoreEnvironment): string => env.READ_DATABASE_URL ?? join(resolve(env.DATA_DIR), 'read.sqlite');

/**
 * The snapshot cache of folded instances (DATA_DIR/snapshots.sqlite, beside any event store; a
 * cache the log always overrules), or undefined with SNAPSHOT_EVERY=0.
 */
export async function openSnapshotStore(env: ProgrammesEnvironment) {
  if (env.SNAPSHOT_EVERY === 0) return undefined;
  const { openSqliteSnapshotStore } = await import('@apo/event-store/sqlite');
  return openSqliteSnapshotStore({ dataDir: resolve(env.DATA_DIR) });
}

/** The schema of the read store's PostgreSQL database that holds the personal-data keys by default: never the read models' own, so a rebuild into another schema keeps them. */
export const PERSONAL_KEYS_SCHEMA = 'personal_data';

const isPostgres = (url: string | undefined): url is string => url !== undefined && /^postgres(ql)?:\/\//.test(url);

/**
 * Where the personal-data keys are kept (docs/privacy.md): PERSONAL_KEYS_URL (`postgres://…`, its
 * `?schema=` honoured, or a SQLite file), else the schema `personal_data` of the read store's
 * PostgreSQL database when it is one, else `<DATA_DIR>/personal-keys.sqlite`.
 */
export function personalKeysLocation(env: StoreEnvironment): { readonly file: string } | { readonly url: string; readonly schema: string | undefined } {
  const given = env.PERSONAL_KEYS_URL;
  if (given !== undefined && !isPostgres(given)) return { file: resolve(given) };
  if (isPostgres(given) || isPostgres(env.READ_DATABASE_URL)) {
    const target = parseReadStoreUrl((given ?? env.READ_DATABASE_URL) as string);
    if (target.dialect !== 'postgres') throw new Error('unreachable: a postgres:// URL');
    return { url: target.connectionString, schema: given !== undefined ? target.schema : PERSONAL_KEYS_SCHEMA };
  }
  return { file: join(resolve(env.DATA_DIR), KEY_STORE_FILE_NAME) };
}

/** The personal-data key store and the `PersonalData` edge over it (seal, open, withhold, erase). */
export async function openPersonalData(env: StoreEnvironment): Promise<PersonalData> {
  const where = personalKeysLocation(env);
  if ('file' in where) return new PersonalData(SqliteKeyStore.open({ file: where.file }));
  return new PersonalData(await PostgresKeyStore.open({ url: where.url, schema: where.schema }));
}
