import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, validateSync } from 'class-validator';

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
  const defined = Object.fromEntries(Object.entries(vars).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(type, defined);
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (got ${JSON.stringify(e.value)})`));
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb');
  }
  problems.push(...extraChecks(config));
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
