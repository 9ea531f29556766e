import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { CoeOverviewItem } from '@apo/projections';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListCoeOverviewQuery } from './list-coe-overview.query';
import { ListCoeOverviewRequestDto } from './list-coe-overview.request.dto';

const REPORT: ReportSpec<CoeOverviewItem> = {
  path: 'coe-overview',
  summary: 'COE overview: phase, delivery year, due date, overdue, last assessment, records',
  example: {
    id: 'th-digital',
    name: 'COE on Digital Transformation',
    memberEconomy: 'TH',
    focusArea: 'digital transformation',
    appliedOn: '2025-01-10',
    launchDate: '2025-07-01',
    state: 'active.delivery.year1',
    phase: 'delivery',
    deliveryYear: 1,
    period: 'delivery.year1',
    phaseStart: '2026-07-01',
    dueDate: '2027-07-01',
    overdue: false,
    suspended: false,
    lastAssessmentId: 'a2',
    lastAssessmentDate: '2027-06-15',
    lastAssessmentRecommendation: 'advance',
    lastAssessmentOverall: 4.2,
    activities: 3,
    publications: 1,
    replications: 0,
    revision: 9,
    updatedAt: '2027-06-15T09:00:00.000Z',
    position: '42',
  },
};

@ReportsController()
export class ListCoeOverviewController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'One row per COE, by id (or by position with sincePosition). Overdue is judged on the server’s date.')
  list(@Query() q: ListCoeOverviewRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListCoeOverviewQuery(filter)));
  }
}
