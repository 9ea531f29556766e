import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../../http/problem.dto';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import type { CoeView } from './get-coe.handler';
import { GetCoeQuery } from './get-coe.query';

@ApiTags('COE queries')
@ApiBearerAuth()
@Controller('coes')
export class GetCoeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({ summary: 'One COE: state, events allowed now, due date, last assessment', operationId: 'getCoe' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'STREAM_INTEGRITY: the stored stream breaks its hash chain (revision, reason); the audit routes still show its events' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CoeView> {
    const view = await this.queries.execute<GetCoeQuery, CoeView>(new GetCoeQuery(id));
    void reply.header('ETag', `"${view.revision}"`);
    return view;
  }
}
