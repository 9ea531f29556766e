import { StreamVerifier, type DefinitionRegistry } from '@apo/engine';
import { UnreadableEvent, type RecordedEvent } from '@apo/event-store';
import type { AuditDivergence } from './audit-divergence';

/** A stored event as the audit reads it; `position` may travel as a string (JSON, worker messages). */
export type StoredEvent = Omit<RecordedEvent, 'position'> & { readonly position: bigint | string };

/** What `StreamChecker` looks at: no `createdAt`, and the position may be a number (the store's column fits a double). */
export type CheckedEvent = Omit<StoredEvent, 'position' | 'createdAt'> & { readonly position: bigint | string | number };

export interface StreamCheck {
  readonly streamId: string;
  readonly events: number;
  readonly divergences: readonly AuditDivergence[];
}

/**
 * Verifies one stream as read with `readStream` (revision order), an event the store could not
 * read in its place as the `UnreadableEvent` naming it: the engine's `verifyStream` (replay
 * through the written definition version, hash chain, from/to, allowed, gapless revisions; an
 * unreadable event is `malformed`), then the log order: each event's global position must be
 * after the previous one's.
 */
export function checkStream(registry: DefinitionRegistry, streamId: string, events: readonly (StoredEvent | UnreadableEvent)[]): StreamCheck {
  const checker = new StreamChecker(registry, streamId);
  for (const event of events) checker.push(event);
  return checker.result();
}

/** `checkStream` one event at a time (the same answer), for a stream read in pieces. */
export class StreamChecker {
  private readonly verifier: StreamVerifier;
  private readonly positions: AuditDivergence[] = [];
  /** Where the unreadable events are, by their place in the stream. */
  private readonly unreadable = new Map<number, Pick<AuditDivergence, 'position' | 'part'>>();
  private previous: bigint | number | undefined;
  private count = 0;

  constructor(
    registry: DefinitionRegistry,
    readonly streamId: string,
  ) {
    this.verifier = new StreamVerifier(registry, streamId);
  }

  push(event: CheckedEvent | UnreadableEvent): void {
    if (event instanceof UnreadableEvent) {
      this.unreadable.set(this.count, { position: String(event.position), part: event.part });
      this.verifier.pushUnreadable(event, `unreadable ${event.part}: ${event.reason}`);
    } else this.verifier.push(event);
    // A number stays a number (no BigInt per event); bigints and numbers compare by value.
    const position = typeof event.position === 'number' ? event.position : BigInt(event.position);
    if (this.previous !== undefined && position <= this.previous) {
      this.positions.push({
        streamId: this.streamId,
        revision: this.count,
        kind: 'position',
        expected: `a log position after ${this.previous}`,
        actual: String(position),
      });
    }
    this.previous = position;
    this.count++;
  }

  result(): StreamCheck {
    const engine = this.verifier
      .result()
      .divergences.map((d) => (d.kind === 'malformed' && this.unreadable.has(d.revision) ? { ...d, ...this.unreadable.get(d.revision) } : d));
    const divergences: AuditDivergence[] = [...engine, ...this.positions];
    // Stable: the engine's divergences keep their order within one revision.
    divergences.sort((a, b) => a.revision - b.revision);
    return { streamId: this.streamId, events: this.count, divergences };
  }
}
