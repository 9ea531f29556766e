import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLogPosition, OffsetQuery } from '../../http/query-limits';
import { MAX_LIMIT } from '@apo/read-queries';

export const DEFAULT_LIMIT = 100;

/** `true` / `false` in a query string, as a boolean filter. */
export const BooleanQuery = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );

/** An optional short text filter (ids, kinds). */
export const TextQuery = (description: string, maxLength = 200) => applyDecorators(ApiPropertyOptional({ description, maxLength }), IsOptional(), IsString(), MaxLength(maxLength));

/** An optional choice among fixed values. */
export const EnumQuery = (values: readonly string[], description?: string) => applyDecorators(ApiPropertyOptional({ enum: [...values], description }), IsOptional(), IsIn([...values]));

/** An optional calendar year. */
export const YearQuery = () => applyDecorators(ApiPropertyOptional({ minimum: 1900, maximum: 2200, example: 2026 }), IsOptional(), Type(() => Number), IsInt(), Min(1900), Max(2200));

/** `limit` and `offset`, common to every report. */
export class PageRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
  @OffsetQuery() offset?: number;
  /** Read-your-writes (the interceptor acts on it; declared so validation accepts it). */
  @ApiPropertyOptional({ type: String, pattern: '^\\d{1,19}$', description: 'Same as the X-Min-Position header' })
  @IsOptional()
  @IsLogPosition('must be a log position (digits)')
  minPosition?: string;
}

/** Pagination plus the incremental feed over the rows of one read model. */
export class FeedRequestDto extends PageRequestDto {
  @ApiPropertyOptional({
    type: String,
    pattern: '^\\d{1,19}$',
    example: '1200',
    description: 'Only rows changed by an event after this global log position (the X-Read-Model-Position of an earlier answer); rows then come in position order',
  })
  @IsOptional()
  @IsLogPosition('$property must be a decimal log position')
  sincePosition?: string;
}

/** A feed of rows that belong to one COE each. */
export class CoeFeedRequestDto extends FeedRequestDto {
  @TextQuery('Only rows of this COE', 100) coeId?: string;
}

/** A request DTO as a query filter: `limit` and `offset` always set. */
export type ReportFilter<T extends PageRequestDto> = Omit<T, 'limit' | 'offset' | 'minPosition'> & { limit: number; offset: number };

/** The DTO as a query filter: defaults applied, unset filters left out. */
export function filterOf<T extends PageRequestDto>(dto: T): ReportFilter<T> {
  const given = Object.fromEntries(Object.entries(dto).filter(([k, v]) => v !== undefined && k !== 'minPosition')) as T;
  return { ...given, limit: dto.limit ?? DEFAULT_LIMIT, offset: dto.offset ?? 0 };
}
