import { applyDecorators, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { int, named, pageOf } from '../../http/openapi-schema';
import { ProblemDto } from '../../http/problem.dto';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { POSITION_HEADER } from '../../http/read-model-page';

/** Everyone who works with instances may see what is due: assessors as well as the report readers. */
export const DEADLINE_ROLES = ['assessor', 'reporter', 'auditor', 'admin'] as const;

const DEADLINE = named('Deadline', {
  type: 'object',
  required: ['programme', 'instanceId', 'streamId', 'deadline', 'kind', 'label', 'dueDate', 'notices', 'overdue', 'daysLeft'],
  properties: {
    programme: { type: 'string', example: 'coe' },
    instanceId: { type: 'string', example: 'th-digital' },
    streamId: { type: 'string', example: 'coe-th-digital' },
    deadline: { type: 'string', example: 'assessment:delivery.year2', description: 'Key of the deadline within the instance' },
    kind: { type: 'string', example: 'assessment', description: 'coe: assessment, proposal; bcn: applicationWindow, report, followUp' },
    label: { type: 'string', example: 'Assessment of delivery year 2' },
    dueDate: { type: 'string', format: 'date', example: '2028-10-01' },
    notices: { type: 'array', items: { type: 'string' }, example: ['lead-30', 'lead-7'], description: 'Notice stages already written to the stream, in order' },
    overdue: { type: 'boolean', description: 'Today (the server clock) is after the due date' },
    daysLeft: { type: 'integer', example: 6, description: 'Days from today to the due date; negative once overdue' },
  },
});
const DEADLINE_PAGE = named('DeadlinePage', pageOf(DEADLINE, { limit: int(), offset: int() }));

/** GET <path>: the deadline roles, read-your-writes, JSON or CSV, the position header and the problems it may answer. */
export function DeadlineRoute(path: string, summary: string, operationId: string, description: string) {
  return applyDecorators(
    ApiTags('deadlines'),
    ApiBearerAuth(),
    Get(path),
    Roles(...DEADLINE_ROLES),
    ReadYourWrites(),
    ApiOperation({
      summary,
      operationId,
      description: `${description} Open deadlines only (met and moot ones are gone), by due date; served from the read store; send Accept: text/csv for RFC 4180 CSV.`,
    }),
    ApiOkResponse({
      description: 'One page of open deadlines as JSON, or as CSV for Accept: text/csv',
      headers: { [POSITION_HEADER]: { description: 'Global log position the deadlines read model has applied (checkpoint)', schema: { type: 'string' } } },
      content: {
        'application/json': {
          schema: DEADLINE_PAGE,
        },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad filter or paging value' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN' }),
    ApiResponse({ status: 503, type: ProblemDto, description: 'READ_STORE_UNREACHABLE or READ_STORE_CLOSED: retry later' }),
  );
}
