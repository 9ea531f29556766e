import type { RecordedEvent } from '@apo/event-store';

/** Typed access to the envelope fields the read models use. */
export const meta = (event: RecordedEvent) => event.metadata as { to: string; effectiveDate: string; recordedAt: string; actor: { id: string; role: string } };

export const dataOf = <T>(event: RecordedEvent): T => event.data as unknown as T;

export const positionOf = (event: RecordedEvent): string => event.position.toString();

/** Distinct values, in first-seen order. */
export const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];
