import { DomainError } from '@apo/engine';

/**
 * 409 NOT_IN_CHECKPOINT: what was asked is not (yet) covered by a signed checkpoint of the
 * transparency log (no checkpoint signed yet, the event after the latest checkpoint, or a tree
 * the projection is still rebuilding). Retry after the next checkpoint.
 */
export class NotInCheckpoint extends DomainError {
  readonly code = 'NOT_IN_CHECKPOINT';
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}
