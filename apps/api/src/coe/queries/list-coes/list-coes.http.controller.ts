import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
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
  @ApiOperation({ summary: 'List COEs by phase, member economy, focus area, due date or overdue', operationId: 'listCoes' })
  async list(@Query() q: ListCoesRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CoeListPage> {
    const page = await this.queries.execute<ListCoesQuery, CoeListPage>(new ListCoesQuery({ ...q, limit: q.limit ?? 100, offset: q.offset ?? 0 }));
    void reply.header('X-Checkpoint-Position', page.position);
    return page;
  }
}
