import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { AUDIT_ALARM_RESPONSE } from '../audit/alarms/audit-alarm.error';
import { ProblemDto } from './problem.dto';
import { CommandResponseDto } from './command-response.dto';

/** What differs between programmes in a command route's documentation. */
export interface CommandDocs {
  /** Example rule codes for the 409 answer. */
  readonly rules: string;
  /** The read-model list that honours X-Min-Position. */
  readonly list: string;
}

/** OpenAPI for a command route: its answer, the headers it reads and every problem it can return. */
export const ApiCommandResponses = (status: number, docs: CommandDocs) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiHeader({ name: 'If-Match', required: false, description: 'Expected revision; a stale one answers 412' }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Scoped to the caller and the instance. A retry with the same key and the same request (route and body) returns the first response with `Idempotent-Replayed: true` and appends nothing; the same key with a different request answers 422 IDEMPOTENCY_KEY_REUSED',
    }),
    ApiResponse({
      status,
      type: CommandResponseDto,
      description: 'Accepted; ETag carries the new revision',
      headers: {
        'X-Log-Position': {
          description: `Global log position of the last event written; send it as X-Min-Position to read your write from ${docs.list}`,
          schema: { type: 'string' },
        },
        'Idempotent-Replayed': {
          description: 'true when this answers a retried Idempotency-Key (nothing was appended)',
          schema: { type: 'string', enum: ['true'] },
        },
      },
    }),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad field' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: the role may not issue this command' }),
    ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND' }),
    ApiResponse({
      status: 409,
      type: ProblemDto,
      description: `ILLEGAL_TRANSITION (with allowedEvents), a rule code such as ${docs.rules}, CONCURRENCY_CONFLICT, or STREAM_INTEGRITY: the stored stream breaks its hash chain (revision, reason), nothing is appended`,
    }),
    ApiResponse({ status: 412, type: ProblemDto, description: 'STALE_REVISION: If-Match is not the current revision' }),
    ApiResponse({ status: 413, type: ProblemDto, description: 'PAYLOAD_TOO_LARGE' }),
    ApiResponse({
      status: 422,
      type: ProblemDto,
      description: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used for a different request on this instance',
    }),
    ApiResponse({ status: 429, type: ProblemDto, description: 'RATE_LIMITED' }),
    ApiResponse({ status: 503, type: ProblemDto, description: AUDIT_ALARM_RESPONSE }),
  );
