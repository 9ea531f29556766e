import { verifyStream, type DefinitionRegistry } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { AuditDivergence } from './audit-divergence';

/** A stored event as the audit reads it; `position` may travel as a string (JSON, worker messages). */
export type StoredEvent = Omit<RecordedEvent, 'position'> & { readonly position: bigint | string };

export interface StreamCheck {
  readonly streamId: string;
  readonly events: number;
  readonly divergences: readonly AuditDivergence[];
}

/**
 * Verifies one stream as read with `readStream` (revision order): the engine's `verifyStream`
 * (replay through the written definition version, hash chain, from/to, allowed, gapless
 * revisions), then the log order: each event's global position must be after the previous one's.
 */
export function checkStream(registry: DefinitionRegistry, streamId: string, events: readonly StoredEvent[]): StreamCheck {
  const verified = verifyStream(registry, streamId, events);
  const divergences: AuditDivergence[] = [...verified.divergences];
  let previous: bigint | undefined;
  events.forEach((event, index) => {
    const position = BigInt(event.position);
    if (previous !== undefined && position <= previous) {
      divergences.push({ streamId, revision: index, kind: 'position', expected: `a log position after ${previous}`, actual: String(position) });
    }
    previous = position;
  });
  // Stable: the engine's divergences keep their order within one revision.
  divergences.sort((a, b) => a.revision - b.revision);
  return { streamId, events: events.length, divergences };
}
