import { COE_PHASES } from '@apo/projections';
import { IsCalendarDate, MEMBER_ECONOMY_CODES } from '../../../coe/shared/request-parts.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { BooleanQuery, EnumQuery, FeedRequestDto, TextQuery } from '../../shared/report-request.dto';

/** Filters of the COE overview; all optional, combined with AND. */
export class ListCoeOverviewRequestDto extends FeedRequestDto {
  @EnumQuery(COE_PHASES) phase?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'ISO 3166-1 alpha-2 code of an APO member') memberEconomy?: string;
  @TextQuery('Case-insensitive exact match') focusArea?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only COEs whose current period is due before this date' }) @IsOptional() @IsCalendarDate() dueBefore?: string;
  @BooleanQuery('Only COEs past their due date today (true) or not (false)') overdue?: boolean;
}
