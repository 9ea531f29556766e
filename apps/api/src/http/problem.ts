import { PersonalDataError, type PersonalDataErrorCode } from '@apo/personal-data';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import {
  ConcurrencyError,
  DomainError,
  Forbidden,
  IdempotencyKeyReused,
  IllegalTransition,
  NotFound,
  RuleViolation,
  StreamIntegrityError,
  ValidationError,
} from '@apo/engine';
import { AuthRateLimited } from '../auth/auth.guard';
import { AuditAlarmOpen } from '../audit/alarms/audit-alarm.error';
import { EvidenceRefused } from '../audit/shared/evidence-refused.error';
import { ReadModelBehind } from '../read-models/read-model-behind.error';
import { NotInCheckpoint } from '../audit/shared/transparency-errors';
import { ReadStoreError, type ReadStoreErrorCode } from '@apo/read-store';
import { UnreadableEvent } from '@apo/event-store';

/** RFC 9457 problem details plus our stable `code` and the error's JSON-safe details. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

/** Thrown when If-Match named a revision that is no longer current. */
export class StaleRevision extends DomainError {
  readonly code = 'STALE_REVISION';
  constructor(cause: ConcurrencyError) {
    super(`If-Match revision ${cause.expected} is stale; the current revision is ${cause.actual}`, { expected: cause.expected, actual: cause.actual });
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function domainStatus(error: DomainError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof Forbidden) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof StaleRevision) return 412;
  if (error instanceof IdempotencyKeyReused) return 422;
  if (error instanceof ReadModelBehind || error instanceof AuditAlarmOpen) return 503;
  if (error instanceof NotInCheckpoint) return 409;
  if (
    error instanceof IllegalTransition ||
    error instanceof RuleViolation ||
    error instanceof ConcurrencyError ||
    error instanceof StreamIntegrityError ||
    error instanceof EvidenceRefused
  )
    return 409;
  return 400;
}

/** Read store failures a client can act on; the rest (corrupt, schema too new) are 500s. */
const READ_STORE_STATUS: Partial<Record<ReadStoreErrorCode, number>> = { READ_STORE_BAD_QUERY: 400, READ_STORE_UNREACHABLE: 503, READ_STORE_CLOSED: 503 };

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Fastify's own refusals by their code. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_BAD_URL: 'MALFORMED_URL',
};

/**
 * A personal-data error as the client sees it: a subject erased for good (409: their data is not
 * taken again), a sealed value that does not open (409, like an unreadable event), the key store
 * down (503). Anything else is the server's fault.
 */
const PERSONAL_DATA_STATUS: Partial<Record<PersonalDataErrorCode, number>> = {
  SUBJECT_ERASED: 409,
  TAMPERED: 409,
  MISBOUND: 409,
  MALFORMED: 409,
  DATA_MISMATCH: 400,
  NO_SUBJECT: 400,
  KEY_STORE: 503,
};

/** Maps any thrown value to a problem; unknown errors become a bare 500 (logged, never echoed). */
export function toProblem(error: unknown): { problem: Problem; internal: boolean } {
  const make = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) => ({
    problem: { type: `urn:apo:problem:${code.toLowerCase()}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra },
    internal: status >= 500,
  });
  if (error instanceof DomainError) return make(domainStatus(error), error.code, error.message, error.details);
  // A stored event the store cannot read (edited bytes, another writer): what the audit routes that
  // show events (history, state, one instance's export) answer; verify reports it as a divergence.
  if (error instanceof UnreadableEvent) {
    const { streamId, revision, position, part, reason } = error;
    return make(409, error.code, error.message, { streamId, revision, position: String(position), part, reason });
  }
  if (error instanceof PersonalDataError) {
    const status = PERSONAL_DATA_STATUS[error.code] ?? 500;
    return status === 500
      ? make(500, 'INTERNAL', 'internal error')
      : make(status, `PERSONAL_DATA.${error.code}`, status === 503 ? 'the personal-data key store is unavailable; retry later' : error.message);
  }
  if (error instanceof ReadStoreError) {
    const status = READ_STORE_STATUS[error.code] ?? 500;
    return status === 400 ? make(400, error.code, error.message, error.details) : make(status, error.code, 'the read models are unavailable; retry later');
  }
  if (error instanceof ThrottlerException) return make(429, 'RATE_LIMITED', 'too many requests; retry later');
  if (error instanceof AuthRateLimited) return make(429, 'AUTH_RATE_LIMITED', error.message);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
    return make(status, HTTP_CODES[status] ?? `HTTP_${status}`, message);
  }
  // Fastify's own errors (body too large, bad JSON, wrong content type) carry a statusCode.
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    const detail = fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'request body is larger than the configured limit' : (fastify.message ?? 'bad request');
    return make(status, FASTIFY_CODES[fastify.code ?? ''] ?? HTTP_CODES[status] ?? `HTTP_${status}`, detail);
  }
  return make(500, 'INTERNAL', 'an unexpected error occurred; it has been logged');
}
