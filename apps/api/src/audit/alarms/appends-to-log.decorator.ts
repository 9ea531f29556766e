import { SetMetadata } from '@nestjs/common';

export const APPENDS_TO_LOG = 'appendsToLog';

/** Marks a route that appends to the event log: the audit alarm gate refuses it (503 AUDIT_ALARM) while an alarm is open. */
export const AppendsToLog = () => SetMetadata(APPENDS_TO_LOG, true);
