import { Controller, Inject, Param, Query } from '@nestjs/common';
import type { Clock } from '@apo/engine';
import { listDeadlines, type DeadlineFilter, type DeadlineItem } from '@apo/read-queries';
import { type ReadStore } from '@apo/read-store';
import { CLOCK, READ_STORE } from '../infrastructure/tokens';
import type { PageFilter } from '../http/read-model-page';
import { todayOf } from '../http/today';
import { Report, ReportReply, type ReportSpec } from '../reports/shared/report-response';
import { InstanceDeadlinesRequestDto, ListDeadlinesRequestDto } from './deadlines.request.dto';
import { DeadlineRoute } from './shared/deadline-route.decorator';

/** The CSV file name and the columns of an empty CSV answer. */
const DEADLINES: ReportSpec<DeadlineItem> = {
  path: 'deadlines',
  summary: 'Open deadlines',
  nullable: [],
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

/**
 * GET /deadlines, /coes/:id/deadlines, /bcn-exchanges/:id/deadlines: what is due, when, what is overdue.
 * (Its name gives the routes' first OpenAPI tag, ListDeadlines: Swagger tags a controller without tags by its name.)
 */
@Controller()
export class ListDeadlinesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @DeadlineRoute(
    'deadlines',
    'Open deadlines of every programme: what is due soon, what is overdue',
    'listDeadlines',
    'The portfolio: with withinDays, everything due in the next N days plus everything overdue.',
  )
  list(@Query() q: ListDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.read(filter));
  }

  @DeadlineRoute('coes/:id/deadlines', "One COE's open deadlines: its assessment and annual proposals", 'listCoeDeadlines', 'An unknown COE has none.')
  coe(@Param('id') id: string, @Query() q: InstanceDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.read({ ...filter, programme: 'coe', instanceId: id }));
  }

  @DeadlineRoute(
    'bcn-exchanges/:id/deadlines',
    "One BCN exchange's open deadlines: application windows, report, first follow-up",
    'listBcnExchangeDeadlines',
    'An unknown exchange has none.',
  )
  exchange(@Param('id') id: string, @Query() q: InstanceDeadlinesRequestDto, @Report() report: ReportReply) {
    return report.page(DEADLINES, q, (filter) => this.read({ ...filter, programme: 'bcn', instanceId: id }));
  }

  /** Overdue and days left are judged against the API's Clock (UTC calendar day). */
  private read(filter: PageFilter<InstanceDeadlinesRequestDto> & Pick<DeadlineFilter, 'programme' | 'instanceId'>) {
    return listDeadlines(this.store, { ...filter, today: todayOf(this.clock) });
  }
}
