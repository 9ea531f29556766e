import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../../http/problem.dto';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import { ReadYourWrites } from '../../../read-models/read-your-writes';
import { BCN_EXCHANGE_VIEW } from '../bcn-query-schemas';
import type { BcnExchangeView } from './get-bcn-exchange.handler';
import { GetBcnExchangeQuery } from './get-bcn-exchange.query';

@ApiTags('BCN queries')
@ApiBearerAuth()
@Controller('bcn-exchanges')
export class GetBcnExchangeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    summary: 'One BCN exchange: state, events allowed now, NPOs, window, schedule and roster, follow-ups, and the COE replications that cite it',
    description: 'The exchange is read from its stream (always current); `coeReplications` come from the read models (X-Min-Position waits for a replication you just recorded).',
    operationId: 'getBcnExchange',
  })
  @ReadYourWrites()
  @ApiOkResponse({ description: 'The exchange; ETag carries its revision', schema: BCN_EXCHANGE_VIEW })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'NOT_FOUND: no BCN exchange with this id' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'STREAM_INTEGRITY: the stored stream breaks its hash chain (revision, reason); the audit routes still show its events' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<BcnExchangeView> {
    const view = await this.queries.execute<GetBcnExchangeQuery, BcnExchangeView>(new GetBcnExchangeQuery(id));
    void reply.header('ETag', `"${view.revision}"`);
    return view;
  }
}
