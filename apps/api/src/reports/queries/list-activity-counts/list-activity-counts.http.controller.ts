import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ActivityCountItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListActivityCountsQuery } from './list-activity-counts.query';
import { ListActivityCountsRequestDto } from './list-activity-counts.request.dto';

const REPORT: ReportSpec<ActivityCountItem> = {
  path: 'activity-counts',
  summary: 'Activities and publications counted by COE, year and kind',
  example: { coeId: 'th-digital', year: 2026, category: 'activity', kind: 'training', count: 3, position: '42' },
};

@ReportsController()
export class ListActivityCountsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'Year is the record’s own date; category is activity or publication.')
  list(@Query() q: ListActivityCountsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListActivityCountsQuery(filter)));
  }
}
