import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { AssessmentItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListAssessmentsQuery } from './list-assessments.query';
import { ListAssessmentsRequestDto } from './list-assessments.request.dto';

const REPORT: ReportSpec<AssessmentItem> = {
  path: 'assessments',
  summary: 'Assessment history with criterion scores, in the order recorded',
  example: {
    coeId: 'th-digital',
    assessmentId: 'a1',
    period: 'designation',
    assessedOn: '2026-06-15',
    competency: 4,
    dissemination: 4,
    collaboration: 3,
    outputs: 5,
    impact: 5,
    overall: 4.2,
    recommendation: 'advance',
    kind: 'period',
    actor: 'assessor-1',
    recordedAt: '2026-06-15T09:00:00.000Z',
    correctedBy: null,
    position: '42',
  },
};

@ReportsController()
export class ListAssessmentsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(
    REPORT,
    'One row per AssessmentRecorded, and (version 2) per StatusAssessmentRecorded (kind status, period network, recommendation the stage); a correction rewrites the row (correctedBy: its position; the feed gives the row again). Filter by COE, kind, period or recommendation.',
  )
  list(@Query() q: ListAssessmentsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListAssessmentsQuery(filter)));
  }
}
