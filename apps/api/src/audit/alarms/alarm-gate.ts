import { Logger } from '@nestjs/common';
import type { AlarmSource, OpenAlarm } from './alarm-source';

/** How long an answer of the AlarmSource is reused: the source is asked at most once a second. */
export const ALARM_POLL_MS = 1000;

/**
 * The open alarms as the write gate sees them: the AlarmSource's answer, reused for
 * ALARM_POLL_MS, with concurrent callers sharing one question. When the source fails, the last
 * answer stands (an open alarm keeps writes refused; none known lets them through) and the
 * failure is logged once per poll.
 */
export class AuditAlarmGate {
  private readonly logger = new Logger('AuditAlarmGate');
  private last: readonly OpenAlarm[] = [];
  private askedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<readonly OpenAlarm[]> | undefined;

  constructor(
    private readonly source: AlarmSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The alarms open now (as of at most ALARM_POLL_MS ago). */
  async openAlarms(): Promise<readonly OpenAlarm[]> {
    if (this.now() - this.askedAt < ALARM_POLL_MS) return this.pending ?? this.last;
    this.askedAt = this.now();
    this.pending = this.ask();
    try {
      return await this.pending;
    } finally {
      this.pending = undefined;
    }
  }

  private async ask(): Promise<readonly OpenAlarm[]> {
    try {
      const alarms = await this.source.openAlarms();
      if (!Array.isArray(alarms)) throw new TypeError('the alarm source did not answer a list');
      this.last = alarms;
    } catch (error) {
      this.logger.warn(
        `could not read the open audit alarms (keeping the last known ${this.last.length}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.last;
  }
}
