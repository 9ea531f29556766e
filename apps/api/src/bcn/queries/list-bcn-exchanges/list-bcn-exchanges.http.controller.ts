import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../../auth/roles.decorator';
import { ReadYourWrites } from '../../../read-models/read-your-writes';
import { POSITION_HEADER } from '../../../reports/shared/report-response';
import { BCN_EXCHANGE_LIST_PAGE } from '../bcn-query-schemas';
import type { BcnExchangeListPage } from './list-bcn-exchanges.handler';
import { ListBcnExchangesQuery } from './list-bcn-exchanges.query';
import { ListBcnExchangesRequestDto } from './list-bcn-exchanges.request.dto';

@ApiTags('BCN queries')
@ApiBearerAuth()
@Controller('bcn-exchanges')
export class ListBcnExchangesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('assessor', 'admin', 'auditor', 'reporter')
  @ApiOperation({
    summary: 'List BCN exchanges by state, programme year, window, origin, modality, sending or hosting member economy',
    description:
      'Served from the BCN read model, which follows the event log asynchronously. To see your own writes, send the X-Log-Position of your last command as X-Min-Position (or ?minPosition=).',
    operationId: 'listBcnExchanges',
  })
  @ReadYourWrites()
  @ApiResponse({ status: 200, description: 'A page of exchanges', schema: BCN_EXCHANGE_LIST_PAGE, headers: { [POSITION_HEADER]: { description: 'Log position the read model has applied', schema: { type: 'string' } } } })
  async list(@Query() q: ListBcnExchangesRequestDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<BcnExchangeListPage> {
    const { state, programmeYear, window, origin, modality, sendingEconomy, hostingEconomy } = q;
    const filter = { state, programmeYear, window, origin, modality, sendingEconomy, hostingEconomy, limit: q.limit ?? 100, offset: q.offset ?? 0 };
    const page = await this.queries.execute<ListBcnExchangesQuery, BcnExchangeListPage>(new ListBcnExchangesQuery(filter));
    void reply.header(POSITION_HEADER, page.position);
    return page;
  }
}
