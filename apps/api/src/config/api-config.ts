import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { witnessConfigProblems } from '@apo/audit';
import { ConfigError, loadEnvironment, ProgrammesEnvironment, programmesProblems, transparencyKeyProblems } from '@apo/runtime';
import { apiKeysFileProblems, productionProblems } from './production-problems';

export { ConfigError };

/** Environment variables the API reads; a wrong value stops startup with a message naming it. */
export class ApiEnvironment extends ProgrammesEnvironment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /**
   * worker (default): the API runs the projection runner in a worker thread, off the thread that
   * answers requests. in-process: on that thread. external: a separate `apps/projector` keeps the
   * read models and the API only reads them (needs EventStoreDB: the embedded store belongs to one
   * process).
   */
  @IsIn(['worker', 'in-process', 'external'])
  PROJECTOR = 'worker';

  /** How long a read-model query with `X-Min-Position` waits for the projections (ms). */
  @Transform(({ value }) => (value === undefined ? 2000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(30_000)
  READ_MODEL_WAIT_MS = 2000;

  /** JSON array of `{ "principal", "role", "sha256" }` (hashes of the bearer keys). */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** A file holding the same JSON as API_KEYS. */
  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  @Transform(({ value }) => (value === undefined ? 1_048_576 : Number(value)))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** The whole request (headers and body) must arrive within this many ms, else 408. */
  @Transform(({ value }) => (value === undefined ? 15_000 : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 15_000;

  /** A connection with no bytes either way for this many ms is closed (a long verify answers within it). */
  @Transform(({ value }) => (value === undefined ? 120_000 : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  IDLE_TIMEOUT_MS = 120_000;

  @Transform(({ value }) => (value === undefined ? 6000 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 6000;

  /** Failed authentications per address per minute before it gets 429 (apart from RATE_LIMIT_PER_MINUTE). */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  AUTH_FAILURES_PER_MINUTE = 30;

  /** true: /metrics without a key (a private network only); otherwise roles metrics and admin. */
  @Transform(({ value }) => (value === undefined ? false : value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  METRICS_PUBLIC = false;

  /**
   * How many of the log's newest events (of workflow streams) the server checks against the hash
   * chain after it starts, in the background; 0: no start-up check (every load is still checked).
   */
  @Transform(({ value }) => (value === undefined ? 10_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  INTEGRITY_CHECK_EVENTS = 10_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL = 'info';

  /** The built console's directory (index.html and assets/); default: dist/console (what `npm run build` writes). */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string;
}

/**
 * Validates the environment; every bad variable is named in one error, with what NODE_ENV=production
 * refuses (no API keys, a development keys file in DATA_DIR) and a transparency key file others may
 * read (when this process signs checkpoints, i.e. PROJECTOR is not external).
 */
export function loadApiEnvironment(env: Record<string, string | undefined>): ApiEnvironment {
  return loadEnvironment(ApiEnvironment, env, (config) => [
    ...(config.PROJECTOR === 'external' && config.EVENT_STORE === 'sqlite'
      ? ['PROJECTOR: external needs EVENT_STORE=eventstoredb (the embedded store is open in one process only; use PROJECTOR=worker)']
      : []),
    ...programmesProblems(config),
    ...witnessConfigProblems(config),
    ...apiKeysFileProblems(config),
    ...productionProblems(config),
    ...(config.PROJECTOR === 'external' ? [] : transparencyKeyProblems(config)),
  ]);
}
