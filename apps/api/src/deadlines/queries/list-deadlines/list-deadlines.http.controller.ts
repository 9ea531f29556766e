import { Controller, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { DeadlineItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../../reports/shared/report-response';
import { DeadlineRoute } from '../../shared/deadline-route.decorator';
import { ListDeadlinesQuery } from './list-deadlines.query';
import { InstanceDeadlinesRequestDto, ListDeadlinesRequestDto } from './list-deadlines.request.dto';

/** The CSV file name and the columns of an empty CSV answer. */
const DEADLINES: ReportSpec<DeadlineItem> = {
  path: 'deadlines',
  summary: 'Open deadlines',
  example: {
    programme: 'coe',
    instanceId: 'th-digital',
    streamId: 'coe-th-digital',
    deadline: 'assessment:delivery.year2',
    kind: 'assessment',
    label: 'Assessment of delivery year 2',
    dueDate: '2028-10-01',
    notices: ['lead-30'],
    overdue: false,
    daysLeft: 6,
  },
};

/** GET /deadlines, /coes/:id/deadlines, /bcn-exchanges/:id/deadlines: what is due, when, what is overdue. */
@Controller()
export class ListDeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @DeadlineRoute('deadlines', 'Open deadlines of every programme: what is due soon, what is overdue', 'listDeadlines', 'The portfolio: with withinDays, everything due in the next N days plus everything overdue.')
  list(@Query() q: ListDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.queries.execute(new ListDeadlinesQuery(filter)));
  }

  @DeadlineRoute('coes/:id/deadlines', "One COE's open deadlines: its assessment and annual proposals", 'listCoeDeadlines', 'An unknown COE has none.')
  coe(@Param('id') id: string, @Query() q: InstanceDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.queries.execute(new ListDeadlinesQuery({ ...filter, programme: 'coe', instanceId: id })));
  }

  @DeadlineRoute('bcn-exchanges/:id/deadlines', "One BCN exchange's open deadlines: application windows, report, first follow-up", 'listBcnExchangeDeadlines', 'An unknown exchange has none.')
  exchange(@Param('id') id: string, @Query() q: InstanceDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.queries.execute(new ListDeadlinesQuery({ ...filter, programme: 'bcn', instanceId: id })));
  }
}
