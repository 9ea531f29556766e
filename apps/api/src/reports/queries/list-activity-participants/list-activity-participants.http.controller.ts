import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ParticipantItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListActivityParticipantsQuery } from './list-activity-participants.query';
import { ListActivityParticipantsRequestDto } from './list-activity-participants.request.dto';

const REPORT: ReportSpec<ParticipantItem> = {
  path: 'activity-participants',
  summary: 'Activity participants by COE, year and member economy',
  example: { coeId: 'th-digital', year: 2026, economy: 'VN', participants: 12, activities: 2, position: '42' },
};

@ReportsController()
export class ListActivityParticipantsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'participants: people from that economy; activities: activities it took part in.')
  list(@Query() q: ListActivityParticipantsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListActivityParticipantsQuery(filter)));
  }
}
