import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetBcnWindowStatisticsHandler } from './queries/get-bcn-window-statistics/get-bcn-window-statistics.handler';
import { GetBcnWindowStatisticsController } from './queries/get-bcn-window-statistics/get-bcn-window-statistics.http.controller';
import { GetPortfolioSummaryHandler } from './queries/get-portfolio-summary/get-portfolio-summary.handler';
import { GetPortfolioSummaryController } from './queries/get-portfolio-summary/get-portfolio-summary.http.controller';
import { ListActivityCountsHandler } from './queries/list-activity-counts/list-activity-counts.handler';
import { ListActivityCountsController } from './queries/list-activity-counts/list-activity-counts.http.controller';
import { ListActivityParticipantsHandler } from './queries/list-activity-participants/list-activity-participants.handler';
import { ListActivityParticipantsController } from './queries/list-activity-participants/list-activity-participants.http.controller';
import { ListAssessmentsHandler } from './queries/list-assessments/list-assessments.handler';
import { ListAssessmentsController } from './queries/list-assessments/list-assessments.http.controller';
import { ListBcnExchangesReportHandler } from './queries/list-bcn-exchanges/list-bcn-exchanges.handler';
import { ListBcnExchangesReportController } from './queries/list-bcn-exchanges/list-bcn-exchanges.http.controller';
import { ListBcnFollowUpCountsHandler } from './queries/list-bcn-follow-up-counts/list-bcn-follow-up-counts.handler';
import { ListBcnFollowUpCountsController } from './queries/list-bcn-follow-up-counts/list-bcn-follow-up-counts.http.controller';
import { ListCoeOverviewHandler } from './queries/list-coe-overview/list-coe-overview.handler';
import { ListCoeOverviewController } from './queries/list-coe-overview/list-coe-overview.http.controller';
import { ListPhaseHistoryHandler } from './queries/list-phase-history/list-phase-history.handler';
import { ListPhaseHistoryController } from './queries/list-phase-history/list-phase-history.http.controller';
import { ListReplicationsHandler } from './queries/list-replications/list-replications.handler';
import { ListReplicationsController } from './queries/list-replications/list-replications.http.controller';

/** GET /reports/...: the read models (projections) of every programme as JSON or CSV, served from the read store. */
@Module({
  imports: [CqrsModule],
  controllers: [
    ListCoeOverviewController,
    ListAssessmentsController,
    ListActivityCountsController,
    ListActivityParticipantsController,
    ListPhaseHistoryController,
    ListReplicationsController,
    GetPortfolioSummaryController,
    ListBcnExchangesReportController,
    GetBcnWindowStatisticsController,
    ListBcnFollowUpCountsController,
  ],
  providers: [
    ListCoeOverviewHandler,
    ListAssessmentsHandler,
    ListActivityCountsHandler,
    ListActivityParticipantsHandler,
    ListPhaseHistoryHandler,
    ListReplicationsHandler,
    GetPortfolioSummaryHandler,
    ListBcnExchangesReportHandler,
    GetBcnWindowStatisticsHandler,
    ListBcnFollowUpCountsHandler,
  ],
})
export class ReportsModule {}
