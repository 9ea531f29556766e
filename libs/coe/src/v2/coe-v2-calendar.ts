import { addMonthsKeepingPrecision, precisionOf } from '@apo/engine';
import { PERIOD_MONTHS, type CoeConfig } from '../coe-calendar';
import type { PeriodKey } from '../coe-model';
import type { CoeV2Context, PeriodV2 } from './coe-v2-model';

/**
 * Version 2 settings. Each default is a rule the notification does not settle, listed in
 * docs/coe-rules.md under "To confirm with the Secretariat".
 */
export interface CoeV2Config extends CoeConfig {
  /** Secretariat extensions allowed per phase (delivery counts as one phase). Default 1. */
  readonly secretariatExtensionsPerPhase?: number;
  /** How far beyond the due date it moves a Secretariat extension may reach, in months. Default 12. */
  readonly secretariatExtensionMaxMonths?: number;
  /** Whether a Governing Body extension also needs an assessment recommending `extend`. Default false. */
  readonly governingBodyExtensionNeedsAssessment?: boolean;
  /** Months between status assessments in the COE network. Default 24. */
  readonly statusAssessmentMonths?: number;
}

export const COE_V2_DEFAULTS = {
  secretariatExtensionsPerPhase: 1,
  secretariatExtensionMaxMonths: 12,
  governingBodyExtensionNeedsAssessment: false,
  statusAssessmentMonths: 24,
} as const;

export type CoeV2Settings = { -readonly [K in keyof typeof COE_V2_DEFAULTS]: (typeof COE_V2_DEFAULTS)[K] extends boolean ? boolean : number };

/** The settings with defaults filled in; a bad value is a configuration error at start-up. */
export function coeV2Settings(config: CoeV2Config): CoeV2Settings {
  const settings: CoeV2Settings = {
    secretariatExtensionsPerPhase: config.secretariatExtensionsPerPhase ?? COE_V2_DEFAULTS.secretariatExtensionsPerPhase,
    secretariatExtensionMaxMonths: config.secretariatExtensionMaxMonths ?? COE_V2_DEFAULTS.secretariatExtensionMaxMonths,
    governingBodyExtensionNeedsAssessment: config.governingBodyExtensionNeedsAssessment ?? COE_V2_DEFAULTS.governingBodyExtensionNeedsAssessment,
    statusAssessmentMonths: config.statusAssessmentMonths ?? COE_V2_DEFAULTS.statusAssessmentMonths,
  };
  const counts: [string, number, number][] = [
    ['secretariatExtensionsPerPhase', settings.secretariatExtensionsPerPhase, 0],
    ['secretariatExtensionMaxMonths', settings.secretariatExtensionMaxMonths, 1],
    ['statusAssessmentMonths', settings.statusAssessmentMonths, 1],
  ];
  for (const [key, value, min] of counts) {
    if (!Number.isInteger(value) || value < min || value > 120) throw new RangeError(`COE setting ${key} must be an integer from ${min} to 120, not ${value}`);
  }
  return settings;
}

/**
 * `months` later at the date's precision. A year moved by a number of months that is not whole
 * years has no year answer: it becomes the latest month it can be (`2019` + 18 = `2021-06`), so
 * a due date is never earlier than it could be.
 */
export function monthsAfter(date: string, months: number): string {
  if (precisionOf(date) === 'year' && months % 12 !== 0) return addMonthsKeepingPrecision(`${date}-12`, months);
  return addMonthsKeepingPrecision(date, months);
}

/** A period starting at `start`, due for assessment at its anniversary. */
export const newPeriodV2 = (key: PeriodKey, start: string): PeriodV2 => ({ key, start, dueDate: monthsAfter(start, PERIOD_MONTHS) });

/** The next period starts at the current one's due date, so the calendar stays anchored to the launch. */
export const followingPeriodV2 = (current: PeriodV2, key: PeriodKey): PeriodV2 => newPeriodV2(key, current.dueDate);

/** In the network: the next status assessment is due N months after the last one, or after the cycle's end. */
export function statusAssessmentDue(context: CoeV2Context, months: number): string | undefined {
  const from = context.lastStatusAssessment?.assessedOn ?? context.cycleEnd;
  return from === undefined ? undefined : monthsAfter(from, months);
}
