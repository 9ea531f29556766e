import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { BcnWindowRow } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { GetBcnWindowStatisticsQuery } from './get-bcn-window-statistics.query';
import { GetBcnWindowStatisticsRequestDto } from './get-bcn-window-statistics.request.dto';

const REPORT: ReportSpec<BcnWindowRow> = {
  path: 'bcn-windows',
  summary: 'BCN window statistics: applications per programme year and window (and Secretariat proposals) by current state and modality',
  example: {
    programmeYear: 2030,
    origin: 'application',
    window: 1,
    closingDate: '2030-03-31',
    exchanges: 12,
    submitted: 1,
    proposed: 0,
    approved: 2,
    rejected: 2,
    scheduled: 2,
    implemented: 1,
    reported: 1,
    followUp: 1,
    closed: 1,
    withdrawn: 1,
    virtual: 4,
    faceToFace: 3,
    participants: 31,
  },
};

@ReportsController()
export class GetBcnWindowStatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'Grouped from the exchanges read model, so it always agrees with it; drafts are not applications and are left out.')
  statistics(@Query() q: GetBcnWindowStatisticsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new GetBcnWindowStatisticsQuery(filter)));
  }
}
