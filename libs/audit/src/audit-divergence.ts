import type { DivergenceKind } from '@apo/engine';
import { terminalSafe } from './terminal-text';

/**
 * A way a stored event differs from what its definition, the hash chain and the log say it must
 * be: the engine's kinds (see `verifyStream`) plus `position`, the stream's order disagreeing with
 * the global log's (a stream's events are appended in revision order, so positions must increase).
 */
export type AuditDivergenceKind = DivergenceKind | 'position';

export interface AuditDivergence {
  readonly streamId: string;
  /** The event's position in the stream as read (its revision when nothing was moved or removed). */
  readonly revision: number;
  readonly kind: AuditDivergenceKind;
  readonly expected: string;
  readonly actual: string;
  /**
   * Only on the `malformed` divergence of an event the store could not read: its log position
   * (a decimal string) and the part that does not parse (`actual` says why).
   */
  readonly position?: string;
  readonly part?: 'data' | 'metadata';
}

/** One line per divergence, the form the CLI prints and the docs use (`terminalSafe`: stored text shows its control characters escaped). */
export const describeDivergence = (d: AuditDivergence): string =>
  terminalSafe(
    `${d.streamId} @${d.revision}${d.position === undefined ? '' : ` (log position ${d.position})`} ${d.kind}: expected ${d.expected}, found ${d.actual}`,
  );
