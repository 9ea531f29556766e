import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { FOLLOW_UP_KINDS, MODALITIES, ORIGINS } from '@apo/bcn';
import { BCN_STATES } from '@apo/read-queries';
import { EnumQuery, FeedRequestDto, PageRequestDto, TextQuery, WithBcnEconomyFilters, YearQuery } from './shared/report-request.dto';

/** The filters of the BCN reports; all optional, combined with AND. */

export class ListBcnExchangesReportRequestDto extends WithBcnEconomyFilters(FeedRequestDto) {
  @EnumQuery(BCN_STATES) state?: string;
  @YearQuery() programmeYear?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Application window (1: first closing date, 2: second)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  window?: number;
  @EnumQuery(ORIGINS, 'application (a sending NPO, in a window) or secretariat (a proposal)') origin?: string;
  @EnumQuery(MODALITIES) modality?: string;
}

/** The window statistics: an aggregate, so no sincePosition feed. */
export class GetBcnWindowStatisticsRequestDto extends PageRequestDto {
  @YearQuery() programmeYear?: number;
  @EnumQuery(ORIGINS, 'application (windows) or secretariat (proposals)') origin?: string;
}

/** The follow-up counts: an aggregate, so no sincePosition feed. */
export class ListBcnFollowUpCountsRequestDto extends WithBcnEconomyFilters(PageRequestDto) {
  @TextQuery('Only the follow-ups of this exchange', 100) exchangeId?: string;
  @YearQuery() year?: number;
  @EnumQuery(FOLLOW_UP_KINDS) kind?: string;
}
