import { StreamIntegrityError } from '@apo/engine';
import { UnreadableEvent } from '@apo/event-store';

/**
 * The streams this process found breaking their hash chain, each with the first break it found.
 * Sticky for the life of the process: a broken stream is refused without re-reading and
 * re-hashing it on every request, and the embedded store cannot be repaired under a running
 * server anyway (it holds the file); a repaired store is trusted again after a restart.
 */
export class BrokenStreams {
  private readonly broken = new Map<string, StreamIntegrityError>();

  constructor(private readonly onFirst: (error: StreamIntegrityError) => void) {}

  /** Throws the stream's remembered break, if it has one. */
  assertIntact(streamId: string): void {
    const known = this.broken.get(streamId);
    if (known) throw known;
  }

  has(streamId: string): boolean {
    return this.broken.has(streamId);
  }

  /** Remembers a break (the first one found for the stream wins) and answers the one to throw. */
  add(error: StreamIntegrityError): StreamIntegrityError {
    const known = this.broken.get(error.streamId);
    if (known) return known;
    this.broken.set(error.streamId, error);
    this.onFirst(error);
    return error;
  }

  get size(): number {
    return this.broken.size;
  }

  list(): StreamIntegrityError[] {
    return [...this.broken.values()];
  }
}

/** A store's `UnreadableEvent` of `streamId` as the chain break it is; anything else unchanged. */
export function asIntegrityError(error: unknown, streamId: string): unknown {
  if (error instanceof UnreadableEvent && error.streamId === streamId) {
    return new StreamIntegrityError(streamId, error.revision, 'unreadable-event', `${error.part} that is a JSON object`, `${error.part}: ${error.reason}`);
  }
  return error;
}
