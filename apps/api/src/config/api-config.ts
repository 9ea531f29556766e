import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { isIsoDate } from '@apo/engine';
import { ConfigError, loadEnvironment, StoreEnvironment } from '@apo/runtime';

export { ConfigError };

/** Environment variables the API reads; a wrong value stops startup with a message naming it. */
export class ApiEnvironment extends StoreEnvironment {
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
   * in-process (default): the API runs the projection runner itself. external: a separate
   * `apps/projector` keeps the read models and the API only reads them (needs EventStoreDB: the
   * embedded store belongs to one process).
   */
  @IsIn(['in-process', 'external'])
  PROJECTOR = 'in-process';

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

  /** Annual proposal closing dates by programme year: JSON `{ "2026": "2026-04-15" }`. */
  @IsOptional()
  @IsString()
  COE_PROPOSAL_CLOSING_DATES?: string;

  /** BCN application closing dates by programme year, ascending: JSON `{ "2026": ["2026-03-31", "2026-06-30"] }`. */
  @IsOptional()
  @IsString()
  BCN_CLOSING_DATES?: string;

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

/** Validates the environment; every bad variable is named in one error. */
export function loadApiEnvironment(env: Record<string, string | undefined>): ApiEnvironment {
  return loadEnvironment(ApiEnvironment, env, (config) => [
    ...(config.PROJECTOR === 'external' && config.EVENT_STORE === 'sqlite'
      ? ['PROJECTOR: external needs EVENT_STORE=eventstoredb (the embedded store is open in one process only; use PROJECTOR=in-process)']
      : []),
    ...(config.COE_PROPOSAL_CLOSING_DATES ? closingDateProblems(config.COE_PROPOSAL_CLOSING_DATES) : []),
    ...(config.BCN_CLOSING_DATES ? bcnClosingDateProblems(config.BCN_CLOSING_DATES) : []),
  ]);
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

export function parseBcnClosingDates(json: string | undefined): Record<number, string[]> {
  return json ? (JSON.parse(json) as Record<number, string[]>) : {};
}

/** Each year maps to one or more dates of that year, ascending (window 1 closes first). */
function bcnClosingDateProblems(json: string): string[] {
  const example = 'must be JSON like {"2026":["2026-03-31","2026-06-30"]}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [`BCN_CLOSING_DATES: ${example}`];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [`BCN_CLOSING_DATES: ${example}`];
  return Object.entries(parsed).flatMap(([year, dates]) => {
    const ok =
      /^\d{4}$/.test(year) &&
      Array.isArray(dates) &&
      dates.length > 0 &&
      dates.every((d, i) => typeof d === 'string' && isIsoDate(d) && d.startsWith(`${year}-`) && (i === 0 || d > dates[i - 1]));
    return ok ? [] : [`BCN_CLOSING_DATES: ${year} -> ${JSON.stringify(dates)} must map a year to its closing dates, dates in that year in ascending order`];
  });
}
