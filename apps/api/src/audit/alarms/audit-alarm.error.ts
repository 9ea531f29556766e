import { DomainError } from '@apo/engine';
import type { OpenAlarm } from './alarm-source';

/**
 * A write refused while an audit alarm is open (503): the log no longer matches a signed
 * checkpoint, so nothing is appended until an admin has looked and acknowledged it.
 */
export class AuditAlarmOpen extends DomainError {
  readonly code = 'AUDIT_ALARM';
  constructor(alarms: readonly OpenAlarm[]) {
    const [first] = alarms;
    const more = alarms.length > 1 ? ` (and ${alarms.length - 1} more)` : '';
    super(`writes are refused while audit alarm ${first.id} is open: ${first.summary}${more}; an admin must acknowledge it (POST /audit/alarms/acknowledge)`, {
      alarm: { id: first.id, kind: first.kind, summary: first.summary, detectedAt: first.detectedAt },
      openAlarms: alarms.length,
    });
  }
}

/** How the OpenAPI document describes the 503 of a route that appends. */
export const AUDIT_ALARM_RESPONSE =
  'AUDIT_ALARM: an audit alarm is open (the log no longer matches a signed checkpoint): writes are refused until an admin acknowledges it; `alarm` names it (id, kind, summary, detectedAt)';
