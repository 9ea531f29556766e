import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { ValidationError } from '@apo/engine';
import { importLines, readImportLines, type ImportReport } from '@apo/import';
import { WorkflowService } from '@apo/workflow';
import { AppendsToLog } from '../audit/alarms/appends-to-log.decorator';
import { Roles } from '../auth/roles.decorator';
import { CommandCtx } from '../http/command-context.decorator';
import type { CommandContext } from '../http/execute-workflow.command';
import { AUDIT_ALARM_RESPONSE } from '../audit/alarms/audit-alarm.error';
import { ProblemDto } from '../http/problem.dto';
import { IMPORT_REPORT } from './import-report.schema';
import { ImportQueryDto, ImportRequestDto } from './import.request.dto';

/**
 * POST /imports: the `coe import` of docs/import.md while the API holds the store. The answer is
 * the report whatever happened to each COE (200): `ok` false names every refused line, and a
 * refused COE was left exactly as it was.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportController {
  constructor(private readonly workflow: WorkflowService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @AppendsToLog()
  @ApiOperation({
    summary: 'Import existing COEs with their history: each line a command, all or nothing per COE, idempotent re-runs',
    description:
      'See docs/import.md (the lines of its JSON Lines format, up to 1,000 per request). A line that cannot be read refuses the request whole (400 naming lines[i]); otherwise the report names every COE imported, unchanged or refused, and each refused line (its number from 1, code, fields).',
    operationId: 'importPortfolio',
  })
  @ApiOkResponse({
    description: 'The import report',
    schema: {
      allOf: [IMPORT_REPORT],
      example: {
        ok: true,
        dryRun: false,
        instances: [{ instance: 'ph-agri', outcome: 'imported', appended: 10, skipped: 0, state: 'terminated' }],
        refused: [],
      },
    },
  })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'VALIDATION_FAILED: the body, or lines that cannot be read (`fields`: lines[i].field)' })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'UNAUTHENTICATED' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'FORBIDDEN: imports are for the admin role' })
  @ApiResponse({ status: 503, type: ProblemDto, description: AUDIT_ALARM_RESPONSE })
  async import(@Body() body: ImportRequestDto, @Query() query: ImportQueryDto, @CommandCtx() ctx: CommandContext): Promise<ImportReport> {
    const { lines, problems } = readImportLines(body.lines);
    if (problems.length > 0)
      throw new ValidationError(problems.slice(0, 100).map((p) => ({ field: `lines[${p.line - 1}].${p.field}`, message: `${p.message} (${p.code})` })));
    return importLines(this.workflow, lines, {
      definition: COE_DEFINITION_NAME,
      actor: { id: ctx.principal.id, role: ctx.principal.role },
      dryRun: query.dryRun,
    });
  }
}
