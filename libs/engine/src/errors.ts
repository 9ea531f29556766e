/**
 * Typed domain errors. Each carries a stable `code` that the HTTP edge maps to
 * `application/problem+json` and the CLI prints; messages are for people.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Extra, JSON-safe facts for the caller (e.g. the events allowed now). */
  readonly details: Record<string, unknown>;

  protected constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The event is not accepted in the current state at all. */
export class IllegalTransition extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(
    readonly eventType: string,
    readonly state: string,
    readonly allowedEvents: readonly string[],
  ) {
    super(`${eventType} is not allowed in state ${state}; allowed now: ${allowedEvents.join(', ') || 'none'}`, {
      eventType,
      state,
      allowedEvents,
    });
  }
}

/** A business rule refused the command; `code` is stable, e.g. `COE.ASSESSMENT_REQUIRED`. */
export class RuleViolation extends DomainError {
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** Another writer appended first: the expected revision no longer holds. */
export class ConcurrencyError extends DomainError {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual}`, { streamId, expected, actual });
  }
}

/**
 * An idempotency key already used, on this instance by this principal, for a different request
 * (another command or another body): nothing is appended, and the first result is not returned as
 * if it answered this request (Stripe's contract).
 */
export class IdempotencyKeyReused extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(
    readonly commandId: string,
    readonly firstRevision: number,
  ) {
    super(
      `this idempotency key was already used for a different request on this instance (recorded at revision ${firstRevision}); use a new key for a new request`,
      { firstRevision },
    );
  }
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(
    what: string,
    readonly id: string,
  ) {
    super(`${what} ${id} was not found`, { id });
  }
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Bad input: every offending field is named. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly fields: readonly FieldError[]) {
    super(`invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, { fields });
  }
}

/** Static shorthand in the spirit of `Error.because(...)`: `throw rule('COE.X', 'why')`. */
export const rule = (code: string, message: string, details?: Record<string, unknown>): RuleViolation => new RuleViolation(code, message, details);

/** The actor's role may not issue this command. */
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(
    readonly role: string,
    readonly action: string,
    readonly allowedRoles: readonly string[],
  ) {
    super(`role ${role} may not ${action}; allowed: ${allowedRoles.join(', ')}`, { role, action, allowedRoles });
  }
}

/** How a stored stream fails the hash chain check (the first failure names the revision). */
export type ChainBreak = 'revision-gap' | 'prev-hash-mismatch' | 'hash-mismatch' | 'unreadable-event';

const BREAK_TEXT: Record<ChainBreak, string> = {
  'revision-gap': 'revision gap (an event is missing or renumbered)',
  'prev-hash-mismatch': 'prevHash mismatch (the event does not follow the one before it)',
  'hash-mismatch': 'hash mismatch (the event is not what was sealed)',
  'unreadable-event': 'unreadable event (its stored data or metadata is not JSON)',
};

/**
 * A stored stream breaks its hash chain: an event was edited, deleted, moved or damaged outside
 * the engine. The server can no longer vouch for the state it folds to, so it refuses commands
 * (and reads of the state) on that stream; the audit routes still show the stored events.
 */
export class StreamIntegrityError extends DomainError {
  readonly code = 'STREAM_INTEGRITY';
  constructor(
    readonly streamId: string,
    readonly revision: number,
    readonly reason: ChainBreak,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `stream ${streamId} is broken at revision ${revision}: ${BREAK_TEXT[reason]}; expected ${expected}, found ${actual}. Commands on it are refused until the log is repaired`,
      {
        streamId,
        revision,
        reason,
        expected,
        actual,
      },
    );
  }
}
