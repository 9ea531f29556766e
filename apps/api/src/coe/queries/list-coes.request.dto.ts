import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ListRequestDto, SortQuery } from '../../http/list-request.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { HOST_TYPES } from '@apo/coe';
import { COE_PHASES, COE_SORT_KEYS } from '@apo/read-queries';
import { IsCalendarDate, MEMBER_ECONOMY_CODES } from '../../http/request-validators';

/** Filters of the COE list; all optional, combined with AND. */
export class ListCoesRequestDto extends ListRequestDto {
  @ApiPropertyOptional({
    enum: COE_PHASES,
    description: 'Version 2 adds designated (launching on a planned date), network (after the 1-3-1 cycle) and retired',
  })
  @IsOptional()
  @IsIn(COE_PHASES)
  phase?: string;
  @ApiPropertyOptional({ enum: MEMBER_ECONOMY_CODES }) @IsOptional() @IsIn(MEMBER_ECONOMY_CODES) memberEconomy?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) focusArea?: string;
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Host institutions whose name contains this text (ASCII letters compared case-insensitively): every COE hosted by an institution',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  host?: string;
  @ApiPropertyOptional({ enum: HOST_TYPES, description: 'The host institution is an NPO or another institution' })
  @IsOptional()
  @IsIn(HOST_TYPES)
  hostType?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'The nominating NPO (case-insensitive exact match)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nominatingNpo?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Only COEs whose dueDate (as GET /coes/:id gives it) is before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
  @ApiPropertyOptional({
    description: 'Only COEs with a deadline their definition holds open past due today (true), or none (false): the COEs GET /deadlines?overdue=true lists',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ minimum: 1900, maximum: 2100, description: 'Only COEs whose application is dated in this year (appliedOn)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2100)
  appliedYear?: number;
  @SortQuery(COE_SORT_KEYS) sort?: string;
}
