import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ACTIVITY_KINDS, NEXT_STAGES, PERIODS, PUBLICATION_KINDS, RECOMMENDATIONS } from '@apo/coe';
import { COE_PHASES, PHASE_HISTORY_PERIODS, PHASE_HISTORY_PHASES, PHASE_OUTCOMES } from '@apo/read-queries';
import { IsCalendarDate, MEMBER_ECONOMY_CODES } from '../http/request-validators';
import { BooleanQuery, CoeFeedRequestDto, EnumQuery, PageRequestDto, TextQuery, WithCoeHostFilters, YearQuery } from './shared/report-request.dto';

/** The filters of the COE reports; all optional, combined with AND. */

export class ListCoeOverviewRequestDto extends WithCoeHostFilters(CoeFeedRequestDto) {
  @EnumQuery(COE_PHASES) phase?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only COEs whose dueDate (as GET /coes/:id gives it) is before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
  @BooleanQuery('Only COEs with a deadline their definition holds open past due today (true), or none (false), as /deadlines judges it') overdue?: boolean;
}

/** The portfolio summary: an aggregate, so no sincePosition feed. */
export class GetPortfolioSummaryRequestDto extends WithCoeHostFilters(PageRequestDto) {}

const ASSESSED = [...PERIODS, 'network'] as const;

export class ListAssessmentsRequestDto extends CoeFeedRequestDto {
  @EnumQuery(['period', 'status'], 'A period of the 1-3-1 cycle assessed, or (version 2) a status assessment in the COE network') kind?: string;
  @EnumQuery(ASSESSED, 'The period assessed (network: a status assessment)') period?: string;
  @EnumQuery([...RECOMMENDATIONS, ...NEXT_STAGES], 'What it recommended (a status assessment: the next stage)') recommendation?: string;
}

const RECORD_CATEGORIES = ['activity', 'publication'] as const;

export class ListActivityCountsRequestDto extends CoeFeedRequestDto {
  @YearQuery() year?: number;
  @EnumQuery(RECORD_CATEGORIES) category?: string;
  @EnumQuery([...ACTIVITY_KINDS, ...PUBLICATION_KINDS], 'An activity kind (training, workshop...) or a publication kind (trainingKit, manual, caseStudy)')
  kind?: string;
}

export class ListActivityParticipantsRequestDto extends CoeFeedRequestDto {
  @YearQuery() year?: number;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'The participants’ member economy') economy?: string;
}

export class ListPhaseHistoryRequestDto extends CoeFeedRequestDto {
  @EnumQuery(
    PHASE_HISTORY_PERIODS,
    'A period of the 1-3-1 cycle, or (version 2) designated awaiting launch, or a network stage (entered again: also its #2, #3... rows)',
  )
  period?: string;
  @EnumQuery(PHASE_HISTORY_PHASES) phase?: string;
  @EnumQuery(PHASE_OUTCOMES, 'How the period ended (open: not yet)') outcome?: string;
  @BooleanQuery('Ended by its due date (true) or after it (false); open periods match neither') onSchedule?: boolean;
}

export class ListReplicationsRequestDto extends CoeFeedRequestDto {
  @EnumQuery(MEMBER_ECONOMY_CODES, 'The economy the work was replicated in') targetEconomy?: string;
  @TextQuery('The BCN exchange the replication belongs to', 100) bcnExchangeId?: string;
}
