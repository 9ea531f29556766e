import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { PortfolioRow } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { GetPortfolioSummaryQuery } from './get-portfolio-summary.query';
import { GetPortfolioSummaryRequestDto } from './get-portfolio-summary.request.dto';

const REPORT: ReportSpec<PortfolioRow> = {
  path: 'portfolio',
  summary: 'Portfolio summary: COEs by member economy, nominating NPO, host institution and focus area, counted by phase',
  example: {
    memberEconomy: 'MY',
    nominatingNpo: 'Malaysia Productivity Corporation',
    hostInstitution: 'Malaysia Productivity Corporation',
    hostType: 'npo',
    focusArea: 'digital transformation',
    total: 1,
    applied: 0,
    underReview: 0,
    designated: 0,
    designation: 0,
    delivery: 1,
    replication: 0,
    network: 0,
    suspended: 0,
    graduated: 0,
    retired: 0,
    rejected: 0,
    terminated: 0,
    withdrawn: 0,
  },
};

@ReportsController()
export class GetPortfolioSummaryController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'Grouped from the COE overview, so it always agrees with it; ordered by economy, nominating NPO, host and focus area.')
  summary(@Query() q: GetPortfolioSummaryRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new GetPortfolioSummaryQuery(filter)));
  }
}
