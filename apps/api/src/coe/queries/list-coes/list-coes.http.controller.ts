import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import { ReadYourWrites } from '../../../read-models/read-your-writes';
import { POSITION_HEADER } from '../../../reports/shared/report-response';
import { COE_LIST_PAGE } from '../coe-query-schemas';
import type { CoeListPage } from './list-coes.handler';
import { ListCoesQuery } from './list-coes.query';
import { ListCoesRequestDto } from './list-coes.request.dto';

@ApiTags('COE queries')
@ApiBearerAuth()
@Controller('coes')
export class ListCoesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    summary: 'List COEs by phase, member economy, focus area, host institution, host type, nominating NPO, due date or overdue',
    description:
      'Served from the COE overview read model, which follows the event log asynchronously. To see your own writes, send the X-Log-Position of your last command as X-Min-Position (or ?minPosition=).',
    operationId: 'listCoes',
  })
  @ReadYourWrites()
  @ApiResponse({ status: 200, description: 'A page of COEs', schema: COE_LIST_PAGE, headers: { [POSITION_HEADER]: { description: 'Log position the read model has applied', schema: { type: 'string' } } } })
  async list(@Query() q: ListCoesRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CoeListPage> {
    const { phase, memberEconomy, focusArea, host, hostType, nominatingNpo, dueBefore, overdue } = q;
    const filter = { phase, memberEconomy, focusArea, host, hostType, nominatingNpo, dueBefore, overdue, limit: q.limit ?? 100, offset: q.offset ?? 0 };
    const page = await this.queries.execute<ListCoesQuery, CoeListPage>(new ListCoesQuery(filter));
    void reply.header(POSITION_HEADER, page.position);
    return page;
  }
}
