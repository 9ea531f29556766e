import type { DefinitionRegistry } from '@apo/engine';
import type { UnreadableEvent } from '@apo/event-store';
import type { AuditDivergence } from '../audit-divergence';
import { StreamChecker, type CheckedEvent } from '../check-stream';

export interface LogVerdict {
  readonly streams: number;
  readonly events: number;
  /** Only the streams with divergences. */
  readonly broken: readonly { readonly index: number; readonly divergences: readonly AuditDivergence[] }[];
  /**
   * Streams whose revisions did not increase along the log: read in revision order (`readStream`)
   * they are another sequence, so the caller checks them again as read, with `checkStream`.
   */
  readonly reread: readonly number[];
}

interface Open {
  readonly checker: StreamChecker;
  lastRevision: number;
  outOfOrder: boolean;
}

/**
 * Verifies streams from the global log in one pass, each stream's replay kept from one of its
 * events to the next. While a stream's revisions increase along the log, its events in log order
 * are the stream as `readStream` returns it, and every position is after the previous one: the
 * answer is `checkStream`'s. A stream whose revisions go back is left for the caller to re-read.
 */
export class LogVerifier {
  private readonly open = new Map<number, Open>();
  private events = 0;

  constructor(private readonly registry: DefinitionRegistry) {}

  /** The next event in the log of the stream at `index` in the log's stream order (or the store's `UnreadableEvent` in its place). */
  push(index: number, event: CheckedEvent | UnreadableEvent): void {
    this.events++;
    let stream = this.open.get(index);
    if (!stream) {
      stream = { checker: new StreamChecker(this.registry, event.streamId), lastRevision: -Infinity, outOfOrder: false };
      this.open.set(index, stream);
    }
    if (stream.outOfOrder) return;
    if (!(event.revision > stream.lastRevision)) {
      stream.outOfOrder = true;
      return;
    }
    stream.lastRevision = event.revision;
    stream.checker.push(event);
  }

  finish(): LogVerdict {
    const broken: { index: number; divergences: readonly AuditDivergence[] }[] = [];
    const reread: number[] = [];
    for (const [index, stream] of this.open) {
      if (stream.outOfOrder) reread.push(index);
      else {
        const { divergences } = stream.checker.result();
        if (divergences.length > 0) broken.push({ index, divergences });
      }
    }
    const verdict = { streams: this.open.size, events: this.events, broken, reread };
    this.open.clear();
    return verdict;
  }
}
