import { applyDecorators, Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Roles } from '../../auth/roles.decorator';
import { ProblemDto } from '../../http/problem.dto';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { POSITION_HEADER } from '../../http/read-model-page';
import type { ReportSpec } from './report-response';

/** Roles that may read reports. */
export const REPORT_ROLES = ['reporter', 'auditor', 'admin'] as const;

/** A controller under /reports, documented in the `reports` group. */
export const ReportsController = () => applyDecorators(ApiTags('reports'), ApiBearerAuth(), Controller('reports'));

/** A column's schema from its example value: null is a nullable text column, an array a list of objects (JSON text in CSV). */
const typeOf = (value: unknown): SchemaObject =>
  value === null
    ? { type: 'string', nullable: true }
    : Array.isArray(value)
      ? { type: 'array', items: { type: 'object' } }
      : typeof value === 'number'
        ? { type: Number.isInteger(value) ? 'integer' : 'number' }
        : typeof value === 'boolean'
          ? { type: 'boolean' }
          : { type: 'string' };

/** The OpenAPI schema of a page whose rows look like `example`. */
function pageSchema(example: object): SchemaObject {
  const properties = Object.fromEntries(Object.entries(example).map(([key, value]) => [key, { ...typeOf(value), example: value }]));
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: { type: 'object', properties } },
      total: { type: 'integer', description: 'Rows matching the filters, all pages together' },
      position: { type: 'string', description: 'Checkpoint: the log position the rows reflect ("0": nothing applied yet)' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  };
}

/** The operationId of GET /reports/<path>, e.g. reportCoeOverview. */
export const reportOperationId = (path: string) => `report${path.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

/** GET /reports/<path>: roles, JSON or CSV, the position header and the problems it may answer. */
export function ReportRoute(spec: ReportSpec, description: string) {
  const headers = { [POSITION_HEADER]: { description: 'Global log position the read model has applied (checkpoint)', schema: { type: 'string' } } };
  return applyDecorators(
    Get(spec.path),
    Roles(...REPORT_ROLES),
    ReadYourWrites(),
    ApiOperation({ summary: spec.summary, description: `${description} Served from the read store; send Accept: text/csv for RFC 4180 CSV.`, operationId: reportOperationId(spec.path) }),
    ApiOkResponse({
      description: 'One page of rows as JSON, or as CSV (header row first) for Accept: text/csv',
      headers,
      content: {
        'application/json': { schema: pageSchema(spec.example) },
        'text/csv': { schema: { type: 'string', example: `${Object.keys(spec.example).join(',')}\r\n` } },
      },
    }),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad filter or paging value' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: reports are for the reporter, auditor and admin roles' }),
    ApiResponse({ status: 503, type: ProblemDto, description: 'READ_STORE_UNREACHABLE or READ_STORE_CLOSED: retry later' }),
  );
}
