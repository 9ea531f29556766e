// The read database: its adapter (SQLite or PostgreSQL), tables, migrations, lease, stored text and row writes, and
// the contract a read model fulfils for the runner (`Projection`).
export * from './held-rows';
export * from './lease';
export * from './open-read-store';
export * from './projection';
export * from './read-store-error';
export * from './stored-text';
export * from './tables';
export * from './write-rows';
export { parseReadStoreUrl, type ReadStoreTarget } from './read-store-url';
