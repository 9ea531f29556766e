import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** Environment variables the API reads; a wrong value stops startup with a message naming it. */
export class ApiEnvironment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

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

  /** JSON array of `{ "principal", "role", "sha256" }` (hashes of the bearer keys). */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** A file holding the same JSON as API_KEYS. */
  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  /** Annual proposal closing dates by programme year: JSON `{ "2026": "2026-04-15" }`. */
  @IsOptional()
  @IsString()
  COE_PROPOSAL_CLOSING_DATES?: string;

  @Transform(({ value }) => (value === undefined ? 1_048_576 : Number(value)))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @Transform(({ value }) => (value === undefined ? 6000 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL = 'info';
}

export class ConfigError extends Error {}

/** Validates the environment; every bad variable is named in one error. */
export function loadApiEnvironment(env: Record<string, string | undefined>): ApiEnvironment {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(ApiEnvironment, defined);
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m} (got ${JSON.stringify(e.value)})`));
  if (config.EVENT_STORE === 'eventstoredb' && !config.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=eventstoredb');
  }
  if (config.COE_PROPOSAL_CLOSING_DATES) problems.push(...closingDateProblems(config.COE_PROPOSAL_CLOSING_DATES));
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

export function parseClosingDates(json: string | undefined): Record<number, string> {
  return json ? (JSON.parse(json) as Record<number, string>) : {};
}

function closingDateProblems(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return ['COE_PROPOSAL_CLOSING_DATES: must be JSON like {"2026":"2026-04-15"}'];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['COE_PROPOSAL_CLOSING_DATES: must be a JSON object'];
  return Object.entries(parsed).flatMap(([year, date]) =>
    /^\d{4}$/.test(year) && typeof date === 'string' && date.startsWith(`${year}-`) && /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? []
      : [`COE_PROPOSAL_CLOSING_DATES: ${year} -> ${JSON.stringify(date)} must map a year to a date in that year`],
  );
}
