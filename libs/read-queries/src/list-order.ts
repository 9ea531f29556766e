import { sql, type RawBuilder } from 'kysely';
import type { ReadStoreDialect } from '@apo/read-store';
import { badQuery } from './page';

/**
 * How a list is sorted: `key` ascending or `-key` descending. Text compares ASCII letters
 * case-insensitively, then by code point, the same in SQLite and PostgreSQL (collate "C"); rows
 * without a value come last in both directions; ties keep id order, so pages never overlap.
 */
export interface ListOrder<K extends string> {
  readonly key: K;
  readonly descending: boolean;
}

/** Every `sort` value a list accepts: each key, and each key prefixed with `-`. */
export const sortValues = <K extends string>(keys: readonly K[]): string[] => keys.flatMap((k) => [k, `-${k}`]);

/** The `sort` parameter as an order (undefined: id order); an unknown key is a bad query. */
export function parseSort<K extends string>(sort: string | undefined, keys: readonly K[]): ListOrder<K> | undefined {
  if (sort === undefined) return undefined;
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as K;
  if (!keys.includes(key)) throw badQuery(`sort must be one of ${sortValues(keys).join(', ')}`, { sort });
  return { key, descending };
}

/** What a column is sorted as: text (case-insensitive ASCII) or anything else (numbers, ISO dates compare as stored). */
export type SortColumn = { readonly column: string; readonly text: boolean };

/** The ORDER BY terms of an order: nulls last, the column in its direction, then id. */
export function orderTerms(dialect: ReadStoreDialect, sort: SortColumn, descending: boolean): RawBuilder<unknown>[] {
  const ref = sql.ref(sort.column);
  const value = !sort.text ? ref : dialect === 'postgres' ? sql`lower(${ref} collate "C")` : sql`lower(${ref})`;
  const direction = descending ? sql`desc` : sql`asc`;
  return [sql`case when ${ref} is null then 1 else 0 end`, sql`${value} ${direction}`, sql`id`];
}

/** ASCII letters lower-cased only: what SQLite's lower() and PostgreSQL's under the "C" collation do. */
export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A LIKE pattern matching `text` anywhere, with its own %, _ and backslash escaped (ESCAPE is the backslash). */
export const containing = (text: string): string => `%${asciiLower(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column` contains `text`, ASCII letters compared case-insensitively (in PostgreSQL too, whatever the column's collation). */
export function contains(dialect: ReadStoreDialect, column: string, text: string): RawBuilder<boolean> {
  const ref = dialect === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql.ref(column);
  return sql<boolean>`lower(${ref}) like ${containing(text)} escape '\\'`;
}
