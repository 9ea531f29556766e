import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { isIsoDate } from '@apo/engine';
import { parseWebhooks, WebhookConfigError, type WebhookConfig } from '@apo/notifications';
import type { ProgrammesConfig } from '@apo/programmes';
import { readFileSync } from 'node:fs';
import { StoreEnvironment } from './store-environment';

const int = (fallback: number) => Transform(({ value }) => (value === undefined ? fallback : Number(value)));
const bool = (fallback: boolean) => Transform(({ value }) => (value === undefined ? fallback : value === 'true' ? true : value === 'false' ? false : value));
/** A count read as a number when it is one (otherwise kept as written, so the error shows it). */
const count = (fallback: number) =>
  Transform(({ value }) => (value === undefined ? fallback : /^-?\d+(\.\d+)?$/.test(String(value).trim()) ? Number(value) : value));
/** A whole number in a range, refused with one message saying what the number sets. */
const wholeNumber = (min: number, max: number, what: string) =>
  ValidateBy({
    name: 'wholeNumber',
    validator: {
      validate: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
      defaultMessage: () => `must be a whole number from ${min} to ${max}: ${what}`,
    },
  });

/**
 * What every process that decides or keeps deadlines must agree on (the API, and the projector
 * when it runs the read models and the scheduler): the programmes' dates, the scheduler and the
 * webhooks. Both apps extend it, so one variable means the same in both.
 */
export class ProgrammesEnvironment extends StoreEnvironment {
  /** Annual proposal closing dates by programme year: JSON `{ "2026": "2026-04-15" }`. */
  @IsOptional()
  @IsString()
  COE_PROPOSAL_CLOSING_DATES?: string;

  /** COE version 2: extensions the Secretariat may decide per phase (delivery is one phase); more need the Governing Body. */
  @count(1)
  @wholeNumber(0, 120, 'Secretariat extensions per COE phase')
  COE_SECRETARIAT_EXTENSIONS_PER_PHASE = 1;

  /** COE version 2: how many months beyond the due date it moves a Secretariat extension may reach. */
  @count(12)
  @wholeNumber(1, 120, 'months a Secretariat extension may reach beyond the due date it moves')
  COE_SECRETARIAT_EXTENSION_MAX_MONTHS = 12;

  /** COE version 2: true when a Governing Body extension also needs an assessment recommending extend. */
  @bool(false)
  @IsBoolean({ message: 'must be true or false: whether a Governing Body extension also needs an assessment recommending extend' })
  COE_GOVERNING_BODY_EXTENSION_NEEDS_ASSESSMENT = false;

  /** COE version 2: months between status assessments of a COE in the COE network. */
  @count(24)
  @wholeNumber(1, 120, 'months between status assessments in the COE network')
  COE_STATUS_ASSESSMENT_MONTHS = 24;

  /** BCN application closing dates by programme year, ascending: JSON `{ "2026": ["2026-03-31", "2026-06-30"] }`. */
  @IsOptional()
  @IsString()
  BCN_CLOSING_DATES?: string;

  /** Days after implementation by which a BCN report is due. */
  @int(30)
  @IsInt()
  @Min(1)
  @Max(365)
  BCN_REPORT_DUE_DAYS = 30;

  /** Months after the report by which the first BCN follow-up is due. */
  @int(6)
  @IsInt()
  @Min(1)
  @Max(36)
  BCN_FOLLOW_UP_DUE_MONTHS = 6;

  /** on: this process writes deadline notices (where the read models are kept); off: never. */
  @IsIn(['on', 'off'])
  SCHEDULER = 'on';

  @int(60_000)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  SCHEDULER_INTERVAL_MS = 60_000;

  /** Reminder lead times in days before each due date, e.g. "30,7". */
  @IsString()
  SCHEDULER_LEAD_DAYS = '30,7';

  /** A snapshot of an instance's folded state every N events (DATA_DIR/snapshots.sqlite; a cache), 0: none. */
  @int(100)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  SNAPSHOT_EVERY = 100;

  /** Webhooks as JSON (see docs/notifications.md); WEBHOOKS_FILE: a file holding the same JSON. */
  @IsOptional()
  @IsString()
  WEBHOOKS?: string;

  @IsOptional()
  @IsString()
  WEBHOOKS_FILE?: string;

  /** How often pending webhook deliveries are attempted. */
  @int(5_000)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  WEBHOOK_INTERVAL_MS = 5_000;

  /**
   * Transparency-log witnesses (see docs/audit.md "Witnesses"): comma-separated directories an
   * auditor controls, each receiving every signed checkpoint. Checked at startup by the apps
   * (`witnessConfigProblems` of @apo/audit), with WITNESS_WEBHOOKS and WITNESS_WEBHOOKS_FILE.
   */
  @IsOptional()
  @IsString()
  WITNESS_DIRS?: string;

  /** Webhook witnesses as JSON `[{ "name", "url", "secret" }]`; WITNESS_WEBHOOKS_FILE: a file holding the same JSON. */
  @IsOptional()
  @IsString()
  WITNESS_WEBHOOKS?: string;

  @IsOptional()
  @IsString()
  WITNESS_WEBHOOKS_FILE?: string;

  /**
   * The transparency log's signer key: a file holding one C2SP signer key
   * (`PRIVATE+KEY+name+hash+base64`), readable by its owner only. Default
   * `<DATA_DIR>/transparency.key`, created (mode 0600) on first start when absent.
   */
  @IsOptional()
  @IsString()
  TRANSPARENCY_KEY_FILE?: string;

  /** The origin line of the checkpoints (default: the key's name); the key must be named after it. */
  @IsOptional()
  @IsString()
  TRANSPARENCY_ORIGIN?: string;

  /**
   * Verifier keys (`name+hash+base64`, comma-separated) of signer keys rotated out: checkpoints they
   * signed stay trusted by the self-check. Keys are never taken from the database.
   */
  @IsOptional()
  @IsString()
  TRANSPARENCY_PAST_KEYS?: string;

  /** At most one whole-log self-check per this many seconds after a new checkpoint (one at every start). */
  @count(600)
  @wholeNumber(1, 604_800, 'seconds between two self-checks')
  AUDIT_SELF_CHECK_SECONDS = 600;

  /** A checkpoint is signed when the tree grew this many events past the last one. */
  @count(1000)
  @wholeNumber(1, 1_000_000_000, 'events between two checkpoints')
  CHECKPOINT_EVERY_EVENTS = 1000;

  /** And every this many seconds when the tree grew at all. */
  @count(60)
  @wholeNumber(1, 86_400, 'seconds between two timed checkpoints')
  CHECKPOINT_EVERY_SECONDS = 60;
}

/** Problems class-validator cannot see: the JSON dates and the lead days. */
export function programmesProblems(config: ProgrammesEnvironment): string[] {
  return [
    ...(config.COE_PROPOSAL_CLOSING_DATES ? coeClosingDateProblems(config.COE_PROPOSAL_CLOSING_DATES) : []),
    ...(config.BCN_CLOSING_DATES ? bcnClosingDateProblems(config.BCN_CLOSING_DATES) : []),
    ...leadDayProblems(config.SCHEDULER_LEAD_DAYS),
    ...(config.WEBHOOKS && config.WEBHOOKS_FILE ? ['WEBHOOKS, WEBHOOKS_FILE: set one of them, not both'] : webhookProblems(config)),
  ];
}

/** The configured webhooks (none unless WEBHOOKS or WEBHOOKS_FILE is set); throws naming the variable. */
export function webhooksOf(config: ProgrammesEnvironment): WebhookConfig[] {
  if (config.WEBHOOKS) return parseWebhooks(config.WEBHOOKS, 'WEBHOOKS');
  if (!config.WEBHOOKS_FILE) return [];
  let text: string;
  try {
    text = readFileSync(config.WEBHOOKS_FILE, 'utf8');
  } catch (error) {
    throw new WebhookConfigError(`WEBHOOKS_FILE: cannot read ${config.WEBHOOKS_FILE} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseWebhooks(text, `WEBHOOKS_FILE ${config.WEBHOOKS_FILE}`);
}

function webhookProblems(config: ProgrammesEnvironment): string[] {
  try {
    webhooksOf(config);
    return [];
  } catch (error) {
    if (error instanceof WebhookConfigError) return [error.message];
    throw error;
  }
}

/** The programmes' configuration from a validated environment. */
export function programmesConfig(config: ProgrammesEnvironment): ProgrammesConfig {
  return {
    coe: {
      proposalClosingDates: config.COE_PROPOSAL_CLOSING_DATES ? JSON.parse(config.COE_PROPOSAL_CLOSING_DATES) : {},
      secretariatExtensionsPerPhase: config.COE_SECRETARIAT_EXTENSIONS_PER_PHASE,
      secretariatExtensionMaxMonths: config.COE_SECRETARIAT_EXTENSION_MAX_MONTHS,
      governingBodyExtensionNeedsAssessment: config.COE_GOVERNING_BODY_EXTENSION_NEEDS_ASSESSMENT,
      statusAssessmentMonths: config.COE_STATUS_ASSESSMENT_MONTHS,
    },
    bcn: {
      closingDates: config.BCN_CLOSING_DATES ? JSON.parse(config.BCN_CLOSING_DATES) : {},
      reportDueDays: config.BCN_REPORT_DUE_DAYS,
      followUpDueMonths: config.BCN_FOLLOW_UP_DUE_MONTHS,
    },
  };
}

/** Parses lead days ("30,7"): whole days from 1 to 365, at least one, farthest first. */
export function parseLeadDays(text: string): number[] {
  const problems = leadDayProblems(text);
  if (problems.length > 0) throw new Error(problems[0]);
  return [...new Set(text.split(',').map((part) => Number(part.trim())))].sort((a, b) => b - a);
}

function leadDayProblems(text: string): string[] {
  const parts = text.split(',').map((part) => part.trim());
  const ok = parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) >= 1 && Number(part) <= 365);
  return ok ? [] : [`SCHEDULER_LEAD_DAYS: must be a comma-separated list of whole days from 1 to 365 (e.g. "30,7"), not ${JSON.stringify(text)}`];
}

function coeClosingDateProblems(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return ['COE_PROPOSAL_CLOSING_DATES: must be JSON like {"2026":"2026-04-15"}'];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['COE_PROPOSAL_CLOSING_DATES: must be a JSON object'];
  return Object.entries(parsed).flatMap(([year, date]) =>
    /^\d{4}$/.test(year) && typeof date === 'string' && date.startsWith(`${year}-`) && isIsoDate(date)
      ? []
      : [`COE_PROPOSAL_CLOSING_DATES: ${year} -> ${JSON.stringify(date)} must map a year to a date in that year`],
  );
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
