import { applyDecorators, Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ReferenceObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { int, named, pageOf, rowOf } from '../../http/openapi-schema';
import { Roles } from '../../auth/roles.decorator';
import { ProblemDto } from '../../http/problem.dto';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { POSITION_HEADER } from '../../http/read-model-page';
import type { ReportSpec } from './report-response';

/** Roles that may read reports. */
export const REPORT_ROLES = ['reporter', 'auditor', 'admin'] as const;

/** A controller under /reports, documented in the `reports` group. */
export const ReportsController = () => applyDecorators(ApiTags('reports'), ApiBearerAuth(), Controller('reports'));

const pascal = (path: string) => path.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The operationId of GET /reports/<path>, e.g. reportCoeOverview. */
export const reportOperationId = (path: string) => `report${pascal(path)}`;

const rows = new WeakMap<object, ReferenceObject>();

/** The schema of one row of a report (components.schemas.<Path>Row), from its example and its nullable columns. */
export function reportRow<T extends object>(spec: ReportSpec<T>): ReferenceObject {
  const known = rows.get(spec);
  if (known) return known;
  const row = named(`${pascal(spec.path)}Row`, rowOf(spec.example, spec.nullable));
  rows.set(spec, row);
  return row;
}

/** GET /reports/<path>: roles, JSON or CSV, the position header and the problems it may answer. */
export function ReportRoute<T extends object>(spec: ReportSpec<T>, description: string) {
  const headers = { [POSITION_HEADER]: { description: 'Global log position the read model has applied (checkpoint)', schema: { type: 'string' } } };
  return applyDecorators(
    Get(spec.path),
    Roles(...REPORT_ROLES),
    ReadYourWrites(),
    ApiOperation({
      summary: spec.summary,
      description: `${description} Served from the read store; send Accept: text/csv for RFC 4180 CSV.`,
      operationId: reportOperationId(spec.path),
    }),
    ApiOkResponse({
      description: 'One page of rows as JSON, or as CSV (header row first) for Accept: text/csv',
      headers,
      content: {
        'application/json': { schema: named(`${pascal(spec.path)}Report`, pageOf(reportRow(spec), { limit: int(), offset: int() })) },
        'text/csv': { schema: { type: 'string', example: `${Object.keys(spec.example).join(',')}\r\n` } },
      },
    }),
    ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: `fields` names every bad filter or paging value' }),
    ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' }),
    ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: reports are for the reporter, auditor and admin roles' }),
    ApiResponse({ status: 503, type: ProblemDto, description: 'READ_STORE_UNREACHABLE or READ_STORE_CLOSED: retry later' }),
  );
}
