import { BCN_EVENT_TYPES } from '@apo/bcn';
import type { RecordedEvent } from '@apo/event-store';

const BCN_TYPES: ReadonlySet<string> = new Set(BCN_EVENT_TYPES);
const PREFIX = 'bcn-';

/** BCN events only: by stream prefix and by type (another workflow may reuse a type name). */
export const isBcnEvent = (event: { readonly streamId: string; readonly type: string }): boolean =>
  event.streamId.startsWith(PREFIX) && BCN_TYPES.has(event.type);

/** The exchange's id: its stream id without `bcn-` (what the API calls `id`, and COE replications cite). */
export const exchangeIdOf = (event: RecordedEvent): string => event.streamId.slice(PREFIX.length);
