import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLogPosition, OffsetQuery } from './query-limits';

/** Paging and read-your-writes of a programme's list route (GET /coes, GET /bcn-exchanges). */
export class ListRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @OffsetQuery() offset?: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: like the X-Min-Position header (a log position from X-Log-Position)' })
  @IsOptional()
  @IsLogPosition('must be a log position (digits)')
  minPosition?: string;
}
