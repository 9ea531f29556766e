import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import { ProblemDto } from '../../../http/problem.dto';
import { minPositionOf } from '../../../read-models/min-position';
import { ReadModels } from '../../../read-models/read-models';
import type { CoeListPage } from './list-coes.handler';
import { ListCoesQuery } from './list-coes.query';
import { ListCoesRequestDto } from './list-coes.request.dto';

export const READ_MODEL_POSITION_HEADER = 'X-Read-Model-Position';

@ApiTags('COE queries')
@ApiBearerAuth()
@Controller('coes')
export class ListCoesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    summary: 'List COEs by phase, member economy, focus area, due date or overdue',
    description:
      'Served from the COE overview read model, which follows the event log asynchronously. To see your own writes, send the X-Log-Position of your last command as X-Min-Position (or ?minPosition=).',
    operationId: 'listCoes',
  })
  @ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait (up to READ_MODEL_WAIT_MS, default 2 s) until the read model has applied this log position' })
  @ApiResponse({ status: 200, description: 'A page of COEs', headers: { [READ_MODEL_POSITION_HEADER]: { description: 'Log position the read model has applied', schema: { type: 'string' } } } })
  @ApiResponse({ status: 503, type: ProblemDto, description: 'READ_MODEL_BEHIND: X-Min-Position not reached in time; retry (Retry-After)' })
  async list(@Query() q: ListCoesRequestDto, @Headers('x-min-position') minHeader: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<CoeListPage> {
    const min = minPositionOf(minHeader, q.minPosition);
    if (min !== undefined) await this.readModels.requirePosition(min.position, min.field);
    const { phase, memberEconomy, focusArea, dueBefore, overdue } = q;
    const page = await this.queries.execute<ListCoesQuery, CoeListPage>(new ListCoesQuery({ phase, memberEconomy, focusArea, dueBefore, overdue, limit: q.limit ?? 100, offset: q.offset ?? 0 }));
    void reply.header(READ_MODEL_POSITION_HEADER, page.position);
    return page;
  }
}
