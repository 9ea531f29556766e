import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ProblemDto } from '../../http/problem.dto';

/** The roles that may read the audit routes. */
export const AUDIT_ROLES = ['auditor', 'admin'] as const;

/** An audit route: auditor and admin only, documented in the `audit` group with its problems. */
export const AuditRoute = (options: { instance?: boolean; unreadable?: boolean } = {}) =>
  applyDecorators(
    Roles(...AUDIT_ROLES),
    ApiTags('audit'),
    ApiBearerAuth(),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad parameter' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: audit routes are for the auditor and admin roles' }),
    ...(options.instance ? [ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no COE (or BCN exchange) with this id' })] : []),
    ...(options.unreadable
      ? [
          ApiResponse({
            status: 409,
            type: ProblemDto,
            description:
              'EVENT_UNREADABLE: a stored event of the stream does not parse (streamId, revision, position, part, reason); verify reports it as a malformed divergence',
          }),
        ]
      : []),
  );
