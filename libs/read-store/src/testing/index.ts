// Read stores for tests: a temporary SQLite file and, when reachable, a PostgreSQL schema of its own.
export * from './postgres';
export * from './test-read-stores';
