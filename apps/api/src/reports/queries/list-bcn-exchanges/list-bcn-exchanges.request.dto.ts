import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MODALITIES, ORIGINS } from '@apo/bcn';
import { BCN_STATES } from '@apo/read-queries';
import { MEMBER_ECONOMY_CODES } from '../../../coe/shared/request-parts.dto';
import { EnumQuery, FeedRequestDto, YearQuery } from '../../shared/report-request.dto';

/** Filters of the BCN exchanges report; all optional, combined with AND. */
export class ListBcnExchangesReportRequestDto extends FeedRequestDto {
  @EnumQuery(BCN_STATES) state?: string;
  @YearQuery() programmeYear?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Application window (1: first closing date, 2: second)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(12) window?: number;
  @EnumQuery(ORIGINS, 'application (a sending NPO, in a window) or secretariat (a proposal)') origin?: string;
  @EnumQuery(MODALITIES) modality?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the sending NPO') sendingEconomy?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the hosting NPO') hostingEconomy?: string;
}
