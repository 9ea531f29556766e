/** An alarm the transparency self-check raised and no admin has acknowledged yet. */
export interface OpenAlarm {
  readonly id: number;
  /** The finding's kind: truncated, deleted-stream, rewritten, forged-checkpoint, unknown-key, ... */
  readonly kind: string;
  /** One line naming what and where. */
  readonly summary: string;
  /** ISO 8601. */
  readonly detectedAt: string;
}

/** Where the API learns of open alarms (the read store's transparency_alarms table, in production). */
export interface AlarmSource {
  openAlarms(): Promise<readonly OpenAlarm[]>;
}

/** Injection token of the AlarmSource. */
export const ALARM_SOURCE = Symbol('AlarmSource');

/** A source that never reports an alarm: what the API runs with until one is wired. */
export const NO_ALARMS: AlarmSource = { openAlarms: async () => [] };

/** Why writes are refused now (the oldest open alarm, named), or undefined: for the background writers (the deadline scheduler). */
export const writesRefusedBy = (source: AlarmSource) => async (): Promise<string | undefined> => {
  const [first, ...more] = await source.openAlarms();
  return first && `audit alarm ${first.id} is open (${first.summary})${more.length > 0 ? ` and ${more.length} more` : ''}; an admin must acknowledge it`;
};
