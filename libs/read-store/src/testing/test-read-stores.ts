import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadStore, type ReadStore } from '../open-read-store';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from './postgres';

/** Where a suite's read stores live: a temp directory (SQLite) or a fresh schema (PostgreSQL). */
export interface TestReadStoreTarget {
  readonly dialect: 'sqlite' | 'postgres';
  /** Opens read store `name` of this target (same name: same database). */
  open(name?: string): Promise<ReadStore>;
  /** Removes every database this target created. */
  cleanup(): Promise<void>;
}

export function sqliteTarget(): TestReadStoreTarget {
  const dir = mkdtempSync(join(tmpdir(), 'projections-'));
  return {
    dialect: 'sqlite',
    open: (name = 'read') => openReadStore({ url: `sqlite:${join(dir, `${name}.sqlite`)}` }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresTarget(): TestReadStoreTarget {
  const schemas = new Map<string, string>();
  return {
    dialect: 'postgres',
    open: (name = 'read') => {
      let schema = schemas.get(name);
      if (schema === undefined) {
        schema = testSchemaName();
        schemas.set(name, schema);
      }
      return openReadStore({ url: TEST_PG_URL, schema });
    },
    cleanup: async () => {
      for (const schema of schemas.values()) await dropSchema(schema);
    },
  };
}

/** SQLite always; PostgreSQL when reachable (see `postgresAvailable`). For `describe.each`. */
export function testTargets(suite: string): [string, () => TestReadStoreTarget][] {
  const targets: [string, () => TestReadStoreTarget][] = [['sqlite', sqliteTarget]];
  if (postgresAvailable(suite)) targets.push(['postgres', postgresTarget]);
  return targets;
}
