import { COE_EVENT_TYPES, COE_V2_EVENT_TYPES } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';

/** The event types of every COE definition version. */
const COE_TYPES: ReadonlySet<string> = new Set([...COE_EVENT_TYPES, ...COE_V2_EVENT_TYPES]);
const PREFIX = 'coe-';

/** COE events only: by stream prefix and by type (another workflow may reuse a type name). */
export const isCoeEvent = (event: { readonly streamId: string; readonly type: string }): boolean =>
  event.streamId.startsWith(PREFIX) && COE_TYPES.has(event.type);

/** The COE's id: its stream id without `coe-` (what the API calls `id`). */
export const coeIdOf = (event: RecordedEvent): string => event.streamId.slice(PREFIX.length);

/** The phase a state belongs to, as the API lists it (delivery years fold into `delivery`). */
export function phaseOfState(state: string): { phase: string; deliveryYear: number | null } {
  if (!state.startsWith('active.')) return { phase: state, deliveryYear: null };
  const [, phase, year] = state.split('.');
  return { phase, deliveryYear: year ? Number(year.slice('year'.length)) : null };
}

/** Whole days from one ISO date to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Record events' data, as `coe-record-commands.ts` writes it. */
export interface ActivityRecordedData {
  activityId: string;
  kind: string;
  title: string;
  date: string;
  participants: { economy: string; count: number }[];
}
export interface PublicationRecordedData {
  publicationId: string;
  kind: string;
  date: string;
}
export interface ReplicationRecordedData {
  replicationId: string;
  targetEconomy: string;
  description: string;
  date: string;
  bcnExchangeId?: string;
}
