import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { ReplicationItem } from '@apo/read-queries';
import { Report, ReportReply, type ReportSpec } from '../../shared/report-response';
import { ReportRoute, ReportsController } from '../../shared/report-route.decorator';
import { ListReplicationsQuery } from './list-replications.query';
import { ListReplicationsRequestDto } from './list-replications.request.dto';

const REPORT: ReportSpec<ReplicationItem> = {
  path: 'replications',
  summary: 'Replication records in the order recorded',
  example: { coeId: 'th-digital', replicationId: 'rep-1', targetEconomy: 'LA', description: 'Toolkit adopted by the Lao NPO', date: '2030-02-12', bcnExchangeId: 'bcn-2030-th-la', correctedBy: null, position: '42' },
};

@ReportsController()
export class ListReplicationsController {
  constructor(private readonly queries: QueryBus) {}

  @ReportRoute(REPORT, 'One row per ReplicationRecorded (as corrected since: correctedBy); filter by COE, target economy or BCN exchange.')
  list(@Query() q: ListReplicationsRequestDto, @Report() report: ReportReply) {
    return report.page(REPORT, q, (filter) => this.queries.execute(new ListReplicationsQuery(filter)));
  }
}
