import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { CoeOverviewItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListCoeOverviewQuery } from './list-coe-overview.query';
import { ListCoeOverviewRequestDto } from './list-coe-overview.request.dto';

const REPORT: ReportSpec<CoeOverviewItem> = {
  path: 'coe-overview',
  summary: 'COE overview: host, nominating NPO, Governing Body decisions, phase or network stage, status, next due date, overdue, last assessment, records',
  example: {
    id: 'vn-green',
    name: 'COE on Green Productivity',
    memberEconomy: 'VN',
    focusArea: 'green productivity',
    nominatingNpo: 'Vietnam Productivity Institute',
    hostInstitution: 'Vietnam Productivity Institute',
    hostType: 'npo',
    appliedOn: '2025-03-03',
    designationMeeting: '66th Governing Body Meeting',
    designationDecisionDate: '2025-06-12',
    plannedLaunchDate: '2026-01-15',
    launchDate: '2026-01-20',
    state: 'active.delivery.year1',
    phase: 'delivery',
    stage: null,
    status: 'in delivery year 1',
    deliveryYear: 1,
    period: 'delivery.year1',
    phaseStart: '2027-01-20',
    periodDueDate: '2028-01-20',
    dueDate: '2028-01-20',
    nextDueDate: '2028-01-20',
    nextDueKind: 'decision',
    nextDueLabel: 'Advance out of delivery year 1',
    openDeadlines: 1,
    overdue: false,
    suspended: false,
    historical: false,
    lastAssessmentId: 'vn-green-y1',
    lastAssessmentDate: '2028-01-05',
    lastAssessmentRecommendation: 'advance',
    lastAssessmentOverall: 4.2,
    lastStatusAssessmentDate: null,
    lastStatusAssessmentStage: null,
    activities: 3,
    publications: 1,
    replications: 0,
    governingBodyDecisions: [{ decision: 'designationDecision', meeting: '66th Governing Body Meeting', decisionDate: '2025-06-12' }],
    definitionVersion: 2,
    revision: 9,
    updatedAt: '2028-01-05T09:00:00.000Z',
    position: '42',
  },
};

@ReportsController()
export class ListCoeOverviewController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(
    REPORT,
    'One row per COE, by id (or by position with sincePosition), as GET /coes/:id describes it with its definition version. nextDueDate is the earliest deadline its definition holds open (the same as /deadlines); overdue is that date being past on the server’s date. governingBodyDecisions is JSON text in CSV.',
  )
  list(@Query() q: ListCoeOverviewRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListCoeOverviewQuery(filter)));
  }
}
