import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { BcnExchangeItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListBcnExchangesReportQuery } from './list-bcn-exchanges.query';
import { ListBcnExchangesReportRequestDto } from './list-bcn-exchanges.request.dto';

const REPORT: ReportSpec<BcnExchangeItem> = {
  path: 'bcn-exchanges',
  summary: 'BCN exchanges by state, window, modality, sending or hosting member economy',
  example: {
    id: 'bcn-2030-th-la',
    title: 'Digital maturity toolkit for Lao SMEs',
    topic: 'digital transformation of SMEs',
    programmeYear: 2030,
    origin: 'application',
    window: 1,
    closingDate: '2030-03-31',
    sendingEconomy: 'LA',
    sendingNpo: 'Department of SME Promotion, Ministry of Industry and Commerce',
    hostingEconomy: 'TH',
    hostingNpo: 'Foundation for Thailand Productivity Institute',
    state: 'closed',
    draftedOn: '2030-01-20',
    appliedOn: '2030-03-28',
    decidedOn: '2030-04-15',
    modality: 'virtual',
    startDate: '2030-06-10',
    endDate: '2030-06-12',
    participants: 4,
    reschedules: 1,
    implementedOn: '2030-06-12',
    reportedOn: '2030-07-05',
    followUps: 2,
    lastFollowUpOn: '2030-11-15',
    closedOn: '2030-12-20',
    withdrawnOn: null,
    revision: 9,
    updatedAt: '2030-12-20T09:00:00.000Z',
    position: '42',
  },
};

@ReportsController()
export class ListBcnExchangesReportController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'One row per exchange (drafts included, origin null); ordered by id, or by position with sincePosition.')
  list(@Query() q: ListBcnExchangesReportRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListBcnExchangesReportQuery(filter)));
  }
}
