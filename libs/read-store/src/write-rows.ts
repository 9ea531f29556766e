import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { storedRows, storedText } from './stored-text';
import type { ReadDatabase, ReadTable } from './tables';

/**
 * Rows per multi-row statement: 500 rows of the widest table stay far below SQLite's 32,766 and
 * PostgreSQL's 65,535 bind parameters, and full chunks repeat the same SQL (a cached statement).
 */
export const CHUNK_ROWS = 500;

export function chunked<T>(rows: readonly T[], size = CHUNK_ROWS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

// Kysely's types cannot follow a table name chosen at run time; these helpers are the one place
// that steps outside them, and every caller passes rows of the table's own row type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Kysely<any>;

/**
 * Every write goes through here, and every string it writes in stored form (`stored-text.ts`):
 * a value a read store cannot hold (a NUL, an unpaired surrogate) never fails a write.
 *
 * Multi-row writes of one shape (table, statement kind, row count) compile to the same SQL with
 * the row values as parameters, in row-major column order. Compiling a 500-row statement through
 * Kysely's builder costs more than running it, so the SQL is compiled once per shape, checked
 * against Kysely's own parameters that first time, and reused with the new values after that.
 */
const compiledByShape = new WeakMap<object, Map<string, string | null>>();

async function runCached(
  trx: Kysely<ReadDatabase>,
  shape: string,
  given: readonly Record<string, unknown>[],
  build: (stored: readonly Record<string, unknown>[]) => Compilable,
): Promise<void> {
  const columns = Object.keys(given[0]);
  // Row-major, filled in place: a 500-row rebuild write binds thousands of values per statement.
  const parameters: unknown[] = new Array(given.length * columns.length);
  let next = 0;
  for (const row of given) {
    for (const column of columns) {
      const value = row[column];
      parameters[next++] = typeof value === 'string' ? storedText(value) : value;
    }
  }
  // Kysely's own statement (compiled the first time, or never cached) gets the stored rows too.
  const rows = () => storedRows(given);
  const key = `${shape}|${given.length}|${columns.join(',')}`;
  // Per executor: each dialect compiles its own placeholders.
  const owner = trx.getExecutor().adapter as object;
  let cache = compiledByShape.get(owner);
  if (!cache) compiledByShape.set(owner, (cache = new Map()));
  let sql = cache.get(key);
  if (sql === undefined) {
    const compiled = build(rows()).compile();
    const same = compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => p === parameters[i]);
    // A shape whose parameters are not exactly the values (never expected) is never cached.
    sql = same ? compiled.sql : null;
    cache.set(key, sql);
    if (!same) {
      await trx.executeQuery(compiled);
      return;
    }
  }
  if (sql === null) await trx.executeQuery(build(rows()).compile());
  else await trx.executeQuery(CompiledQuery.raw(sql, parameters));
}

export async function insertRows<T extends ReadTable>(trx: Kysely<ReadDatabase>, table: T, rows: readonly ReadDatabase[T][]): Promise<void> {
  for (const chunk of chunked(rows as unknown as Record<string, unknown>[])) {
    await runCached(trx, `insert:${table}`, chunk, (stored) =>
      (trx as unknown as Loose).insertInto(table as string).values(stored as Record<string, unknown>[]),
    );
  }
}

/** Insert, or replace every non-key column of the existing row (rows hold the whole new state). */
export async function upsertRows<T extends ReadTable>(
  trx: Kysely<ReadDatabase>,
  table: T,
  keys: readonly (keyof ReadDatabase[T] & string)[],
  rows: readonly ReadDatabase[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).filter((c) => !keys.includes(c as never));
  for (const chunk of chunked(rows as unknown as Record<string, unknown>[])) {
    await runCached(trx, `upsert:${table}:${keys.join(',')}`, chunk, (stored) =>
      (trx as unknown as Loose)
        .insertInto(table as string)
        .values(stored as Record<string, unknown>[])
        .onConflict((oc) => oc.columns(keys).doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])))),
    );
  }
}

/** Insert the rows whose key is not there yet; an existing row is kept as it is. */
export async function insertNewRows<T extends ReadTable>(
  trx: Kysely<ReadDatabase>,
  table: T,
  keys: readonly (keyof ReadDatabase[T] & string)[],
  rows: readonly ReadDatabase[T][],
): Promise<void> {
  for (const chunk of chunked(rows as unknown as Record<string, unknown>[])) {
    await runCached(trx, `insert-new:${table}:${keys.join(',')}`, chunk, (stored) =>
      (trx as unknown as Loose)
        .insertInto(table as string)
        .values(stored as Record<string, unknown>[])
        .onConflict((oc) => oc.columns(keys).doNothing()),
    );
  }
}

/** Insert, or add the given counters to the existing row (and take the new position). */
export async function incrementRows<T extends ReadTable>(
  trx: Kysely<ReadDatabase>,
  table: T,
  keys: readonly (keyof ReadDatabase[T] & string)[],
  counters: readonly (keyof ReadDatabase[T] & string)[],
  rows: readonly ReadDatabase[T][],
): Promise<void> {
  for (const chunk of chunked(rows as unknown as Record<string, unknown>[])) {
    await runCached(trx, `increment:${table}:${keys.join(',')}:${counters.join(',')}`, chunk, (stored) =>
      (trx as unknown as Loose)
        .insertInto(table as string)
        .values(stored as Record<string, unknown>[])
        .onConflict((oc) =>
          oc.columns(keys).doUpdateSet((eb) => ({
            ...Object.fromEntries(counters.map((c) => [c, eb(eb.ref(`${table}.${c}`), '+', eb.ref(`excluded.${c}`))])),
            position: eb.ref('excluded.position'),
          })),
        ),
    );
  }
}

/**
 * Deletes the rows whose key columns equal one of `keys` (each a row of the key columns only).
 * 200 keys per statement: the OR of ANDs stays within SQLite's expression depth limit.
 */
export async function deleteRows<T extends ReadTable>(trx: Kysely<ReadDatabase>, table: T, keys: readonly Partial<ReadDatabase[T]>[]): Promise<void> {
  for (const chunk of chunked(keys as unknown as Record<string, unknown>[], 200)) {
    const columns = Object.keys(chunk[0]);
    await runCached(trx, `delete:${table}`, chunk, (stored) =>
      (trx as unknown as Loose).deleteFrom(table as string).where((eb) => eb.or(stored.map((key) => eb.and(columns.map((c) => eb(c, '=', key[c])))))),
    );
  }
}
