import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLogPosition, OffsetQuery } from '../../../http/query-limits';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, MEMBER_ECONOMY_CODES } from '../../shared/request-parts.dto';

export const LIST_PHASES = ['applied', 'underReview', 'designation', 'delivery', 'replication', 'suspended', 'graduated', 'rejected', 'terminated', 'withdrawn'] as const;

/** Filters of the COE list; all optional, combined with AND. */
export class ListCoesRequestDto {
  @ApiPropertyOptional({ enum: LIST_PHASES }) @IsOptional() @IsIn(LIST_PHASES) phase?: string;
  @ApiPropertyOptional({ enum: MEMBER_ECONOMY_CODES }) @IsOptional() @IsIn(MEMBER_ECONOMY_CODES) memberEconomy?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) focusArea?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only COEs whose current period is due before this date' }) @IsOptional() @IsCalendarDate() dueBefore?: string;
  @ApiPropertyOptional({ description: 'Only COEs past their due date today (true) or not (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @OffsetQuery() offset?: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: like the X-Min-Position header (a log position from X-Log-Position)' })
  @IsOptional()
  @IsLogPosition('must be a log position (digits)')
  minPosition?: string;
}
