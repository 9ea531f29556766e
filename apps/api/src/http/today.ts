import type { Clock } from '@apo/engine';

/** The API clock's calendar day (UTC, YYYY-MM-DD): the day overdue and days left are judged on. */
export const todayOf = (clock: Clock): string => clock.now().toISOString().slice(0, 10);
