import { HOST_TYPES } from '@apo/coe';
import { COE_PHASES } from '@apo/read-queries';
import { IsCalendarDate, MEMBER_ECONOMY_CODES } from '../../../coe/shared/request-parts.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { BooleanQuery, CoeFeedRequestDto, EnumQuery, TextQuery } from '../../shared/report-request.dto';

/** Filters of the COE overview; all optional, combined with AND. */
export class ListCoeOverviewRequestDto extends CoeFeedRequestDto {
  @EnumQuery(COE_PHASES) phase?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'ISO 3166-1 alpha-2 code of an APO member') memberEconomy?: string;
  @TextQuery('Case-insensitive exact match') focusArea?: string;
  @TextQuery('Host institutions whose name contains this text (ASCII letters compared case-insensitively)') host?: string;
  @EnumQuery(HOST_TYPES, 'The host institution is an NPO or another institution') hostType?: string;
  @TextQuery('The nominating NPO, case-insensitive exact match') nominatingNpo?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only COEs whose dueDate (as GET /coes/:id gives it) is before this date' }) @IsOptional() @IsCalendarDate() dueBefore?: string;
  @BooleanQuery('Only COEs with a deadline their definition holds open past due today (true), or none (false), as /deadlines judges it') overdue?: boolean;
}
