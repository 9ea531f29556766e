import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { PhaseHistoryItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListPhaseHistoryQuery } from './list-phase-history.query';
import { ListPhaseHistoryRequestDto } from './list-phase-history.request.dto';

const REPORT: ReportSpec<PhaseHistoryItem> = {
  path: 'phase-history',
  summary: 'Periods each COE went through: start, end, duration, on schedule or late',
  example: {
    coeId: 'th-digital',
    period: 'designation',
    phase: 'designation',
    startedOn: '2025-07-01',
    scheduledStart: '2025-07-01',
    dueDate: '2026-07-01',
    endedOn: '2026-07-01',
    durationDays: 365,
    outcome: 'advanced',
    onSchedule: true,
    position: '42',
  },
};

@ReportsController()
export class ListPhaseHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(
    REPORT,
    'One row per period entered, and (version 2) per designation awaiting launch (designated: due by the planned launch) and network stage (no due date); dates as recorded (2015-04 stays a month). endedOn and onSchedule are null while it is open; durationDays is null unless both dates are days, onSchedule when the dates cannot tell.',
  )
  list(@Query() q: ListPhaseHistoryRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListPhaseHistoryQuery(filter)));
  }
}
