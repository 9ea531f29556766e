export { openSqliteEventStore, SqliteEventStore } from './sqlite-event-store';
export { SqliteStoreCopyReader } from './store-copy-reader';
export { CopyStreamReader, PAGE_ROWS, type CopyEvent } from './copy-stream-reader';
export type { OpenSqliteEventStoreOptions } from './open-database';
export { STORE_FILE_NAME } from './open-database';
export { hexToUuid } from './schema';
export type { GroupCommitStats } from './group-commit';
export { EventStoreError, type EventStoreErrorCode } from './event-store-error';
export {
  openSqliteSnapshotStore,
  SqliteSnapshotStore,
  SNAPSHOT_FILE_NAME,
  type StoredStreamSnapshot,
  type OpenSqliteSnapshotStoreOptions,
} from './sqlite-snapshot-store';
