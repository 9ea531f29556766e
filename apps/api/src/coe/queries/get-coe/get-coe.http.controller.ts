import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../../http/problem.dto';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import { COE_VIEW } from '../coe-query-schemas';
import type { CoeView } from './get-coe.handler';
import { GetCoeQuery } from './get-coe.query';

@ApiTags('COE queries')
@ApiBearerAuth()
@Controller('coes')
export class GetCoeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    summary: 'One COE: state, events allowed now, due date, overdue, as its definition version describes it',
    description:
      'From the COE\'s own stream (always current). `definitionVersion` is the version the COE was recorded with; the rest is that version\'s description. Version 2: host institution and nominating NPO, `status` ("designated, launching on 2026-01", "in delivery year 2", "in the COE network (continued support)"), `stage`, the Governing Body decisions, extensions, `nextDeadline`, `openDeadlines`, `dueDate` (the earliest open deadline), `historical` and `upToDate`. `overdue`: one of the deadlines the COE\'s definition holds open is past due today (the rule of /deadlines and the reports).',
    operationId: 'getCoe',
  })
  @ApiOkResponse({ description: 'The COE; ETag carries its revision', schema: COE_VIEW })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no COE with this id' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'STREAM_INTEGRITY: the stored stream breaks its hash chain (revision, reason); the audit routes still show its events' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CoeView> {
    const view = await this.queries.execute<GetCoeQuery, CoeView>(new GetCoeQuery(id));
    void reply.header('ETag', `"${view.revision}"`);
    return view;
  }
}
