import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLogPosition, OffsetQuery } from './query-limits';

/** Paging and read-your-writes of a programme's list route (GET /coes, GET /bcn-exchanges). */
export class ListRequestDto {
  /** Up to 1,000: the console's portfolio shows 1,000 COEs as one page. */
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @OffsetQuery() offset?: number;
  @ApiPropertyOptional({ description: 'Read-your-writes: like the X-Min-Position header (a log position from X-Log-Position)' })
  @IsOptional()
  @IsLogPosition('must be a log position (digits)')
  minPosition?: string;
  @ApiPropertyOptional({ maxLength: 200, description: 'Search: names (titles) containing this text, ASCII letters compared case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** `sort` of a list: `key` ascending or `-key` descending, nulls last, ties in id order; id order when absent. */
export const SortQuery = (keys: readonly string[]) =>
  applyDecorators(
    ApiPropertyOptional({
      enum: keys.flatMap((k) => [k, `-${k}`]),
      description: 'Order of the rows: a column, ascending, or with "-" descending; rows without a value last, ties in id order; id order when absent',
    }),
    IsOptional(),
    IsIn(keys.flatMap((k) => [k, `-${k}`])),
  );
