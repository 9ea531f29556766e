import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { BcnFollowUpCountRow } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListBcnFollowUpCountsQuery } from './list-bcn-follow-up-counts.query';
import { ListBcnFollowUpCountsRequestDto } from './list-bcn-follow-up-counts.request.dto';

const REPORT: ReportSpec<BcnFollowUpCountRow> = {
  path: 'bcn-follow-ups',
  summary: 'BCN follow-up activities counted by year, kind, sending and hosting member economy',
  example: { year: 2030, kind: 'jointProject', sendingEconomy: 'LA', hostingEconomy: 'TH', followUps: 3, exchanges: 2 },
};

@ReportsController()
export class ListBcnFollowUpCountsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'Counts follow-up activities (and the distinct exchanges they belong to) by the year of their date; per exchange, see followUps in /reports/bcn-exchanges.')
  counts(@Query() q: ListBcnFollowUpCountsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListBcnFollowUpCountsQuery(filter)));
  }
}
