import { ReadStoreError } from './read-store-error';

export type ReadStoreTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema: string | undefined; readonly redacted: string };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * `postgres://user@host:5432/db?schema=reports` (or `postgresql://`), `sqlite:<path>`, a plain
 * file path, or `:memory:`. A PostgreSQL `schema` (query parameter or option) becomes the
 * connection's search_path, so the same unqualified queries serve any schema.
 */
export function parseReadStoreUrl(url: string, schemaOption?: string): ReadStoreTarget {
  if (typeof url !== 'string' || url.trim() === '') throw badUrl(String(url), 'the URL is empty');
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badUrl(redact(url), 'it is not a valid URL');
    }
    const schema = schemaOption ?? (parsed.searchParams.get('schema') || undefined);
    parsed.searchParams.delete('schema');
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw badUrl(redact(url), `schema "${schema}" is not a plain SQL identifier`);
    if (!parsed.hostname && !parsed.searchParams.get('host')) throw badUrl(redact(url), 'it names no host');
    return { dialect: 'postgres', connectionString: parsed.toString(), schema, redacted: redact(url) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw badUrl(redact(url), 'only postgres:// URLs and SQLite file paths are supported');
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file === '') throw badUrl(url, 'sqlite: needs a file path');
  return { dialect: 'sqlite', file };
}

const badUrl = (url: string, why: string) =>
  new ReadStoreError('READ_STORE_BAD_URL', `read store URL ${url}: ${why} (expected postgres://... or a SQLite file path)`, { url });

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
