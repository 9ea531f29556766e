import { UnreadableEvent } from '@apo/event-store';
import type { StoredItem } from '../read-through';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];

/**
 * One JSON object per line: the stored event as it is, `position` as a decimal string; an event
 * the store cannot read as its place and `unreadable: { part, reason }` (nothing else of it reads).
 */
export const toJsonLine = (e: StoredItem): string =>
  e instanceof UnreadableEvent
    ? `${JSON.stringify({ position: String(e.position), streamId: e.streamId, revision: e.revision, unreadable: { part: e.part, reason: e.reason } })}\n`
    : `${JSON.stringify({ position: String(e.position), streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, createdAt: e.createdAt, data: e.data, metadata: e.metadata })}\n`;

/** CSV columns: the envelope flattened, then the data and the whole metadata as JSON; `unreadable` only on an event the store cannot read. */
export const CSV_COLUMNS = [
  'position',
  'stream_id',
  'revision',
  'event_id',
  'type',
  'effective_date',
  'recorded_at',
  'created_at',
  'definition',
  'version',
  'from',
  'to',
  'actor_id',
  'actor_role',
  'command_id',
  'correlation_id',
  'causation_id',
  'prev_hash',
  'hash',
  'data',
  'metadata',
  'unreadable',
] as const;

/** RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export const csvCell = (value: unknown): string => {
  const text =
    value === undefined || value === null ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

/** An event the store cannot read: its place, and in `unreadable` the part and why (`data: Unexpected end of JSON input`). */
const unreadableRow = (e: UnreadableEvent): string => {
  const cells = CSV_COLUMNS.map((column) =>
    column === 'position'
      ? String(e.position)
      : column === 'stream_id'
        ? e.streamId
        : column === 'revision'
          ? e.revision
          : column === 'unreadable'
            ? `${e.part}: ${e.reason}`
            : '',
  );
  return `${cells.map(csvCell).join(',')}\r\n`;
};

export const toCsvRow = (e: StoredItem): string => {
  if (e instanceof UnreadableEvent) return unreadableRow(e);
  const m = e.metadata as Record<string, unknown>;
  const actor = (m.actor ?? {}) as Record<string, unknown>;
  const cells = [
    String(e.position),
    e.streamId,
    e.revision,
    e.eventId,
    e.type,
    m.effectiveDate,
    m.recordedAt,
    e.createdAt,
    m.definition,
    m.version,
    m.from,
    m.to,
    actor.id,
    actor.role,
    m.commandId,
    m.correlationId,
    m.causationId,
    m.prevHash,
    m.hash,
    e.data,
    e.metadata,
    '',
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
};
