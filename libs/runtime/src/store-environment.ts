import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';

/**
 * Where a process finds its stores: the variables the API and the projector share. Each app
 * extends it with its own variables and validates the lot with {@link loadEnvironment}.
 */
export class StoreEnvironment {
  @IsIn(['sqlite', 'eventstoredb'])
  EVENT_STORE = 'sqlite';

  @IsString()
  DATA_DIR = 'data';

  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/.+/, { message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// URL' })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Read models: `sqlite:<file>` / a file path (default `<DATA_DIR>/read.sqlite`) or `postgres://...`. */
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/.+|sqlite:.+|[^:]+)$/, { message: 'READ_DATABASE_URL must be postgres://..., sqlite:<file> or a file path' })
  READ_DATABASE_URL?: string;

  /**
   * The personal-data key store (docs/privacy.md), apart from the log: `postgres://...` (its
   * `?schema=` honoured), or a SQLite file path. Default: the schema `personal_data` of the read
   * store's database when READ_DATABASE_URL is postgres://, else `<DATA_DIR>/personal-keys.sqlite`.
   */
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/.+|[^:]+)$/, { message: 'PERSONAL_KEYS_URL must be postgres://... or a file path' })
  PERSONAL_KEYS_URL?: string;

  /** A file holding EVENTSTORE_CONNECTION_STRING (it may carry a password): a secret mounted under /run/secrets. */
  @IsOptional()
  @IsString()
  EVENTSTORE_CONNECTION_STRING_FILE?: string;

  /** A file holding READ_DATABASE_URL (a postgres:// URL carries the password). */
  @IsOptional()
  @IsString()
  READ_DATABASE_URL_FILE?: string;

  /** A file holding PERSONAL_KEYS_URL. */
  @IsOptional()
  @IsString()
  PERSONAL_KEYS_URL_FILE?: string;

  /**
   * How long a start waits for PostgreSQL (READ_DATABASE_URL postgres://), retrying with backoff,
   * before it gives up naming the host and the last error: a database started beside the app
   * (compose) may accept connections some seconds after it.
   */
  @Transform(({ value }) => (value === undefined ? 30_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(600_000)
  READ_STORE_CONNECT_TIMEOUT_MS = 30_000;
}

/** Variables that may carry a password, so each may instead be read from the file `<NAME>_FILE` names. */
export const SECRET_FILE_VARIABLES = ['EVENTSTORE_CONNECTION_STRING', 'READ_DATABASE_URL', 'PERSONAL_KEYS_URL'] as const;

/**
 * Replaces each `<NAME>_FILE` of {@link SECRET_FILE_VARIABLES} by the file's content (trimmed) as
 * `<NAME>`; a problem names the variable when both are set, or the file is unreadable or empty.
 * `fromFile` maps each variable read from a file to the file (so an error never prints its value).
 */
export function readSecretFiles(vars: Record<string, string>): { vars: Record<string, string>; problems: string[]; fromFile: Map<string, string> } {
  const resolved = { ...vars };
  const problems: string[] = [];
  const fromFile = new Map<string, string>();
  for (const name of SECRET_FILE_VARIABLES) {
    const file = vars[`${name}_FILE`];
    if (file === undefined) continue;
    if (vars[name] !== undefined) {
      problems.push(`${name}, ${name}_FILE: set one of them, not both`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    if (text === '') {
      problems.push(`${name}_FILE: ${file} is empty`);
      continue;
    }
    resolved[name] = text;
    fromFile.set(name, file);
  }
  return { vars: resolved, problems, fromFile };
}

/** A configuration that cannot work; the message names every bad variable. */
export class ConfigError extends Error {}

/**
 * Validates `vars` (empty values count as unset) into `type`; every problem, including those
 * `extraChecks` finds, is named in one {@link ConfigError}.
 */
export function loadEnvironment<T extends StoreEnvironment>(
  type: new () => T,
  vars: Record<string, string | undefined>,
  extraChecks: (config: T) => string[] = () => [],
): T {
  const defined = Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const secrets = readSecretFiles(defined);
  const config = plainToInstance(type, secrets.vars);
  const errors = validateSync(config, { skipMissingProperties: false });
  const got = (property: string, value: unknown) =>
    secrets.fromFile.has(property) ? `read from ${property}_FILE ${secrets.fromFile.get(property)}` : `got ${JSON.stringify(value)}`;
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (${got(e.property, e.value)})`));
  problems.push(...secrets.problems);
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    if (!secrets.problems.some((p) => p.startsWith('EVENTSTORE_CONNECTION_STRING')))
      problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb (or EVENTSTORE_CONNECTION_STRING_FILE)');
  }
  problems.push(...extraChecks(config));
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
