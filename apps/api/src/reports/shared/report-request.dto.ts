import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLogPosition, OffsetQuery } from '../../http/query-limits';
import { HOST_TYPES } from '@apo/coe';
import { MAX_LIMIT } from '@apo/read-queries';
import { DEFAULT_LIMIT } from '../../http/read-model-page';
import { MEMBER_ECONOMY_CODES } from '../../http/request-validators';

/** `true` / `false` in a query string, as a boolean filter. */
export const BooleanQuery = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );

/** An optional short text filter (ids, kinds). */
export const TextQuery = (description: string, maxLength = 200) =>
  applyDecorators(ApiPropertyOptional({ description, maxLength }), IsOptional(), IsString(), MaxLength(maxLength));

/** An optional choice among fixed values. */
export const EnumQuery = (values: readonly string[], description?: string) =>
  applyDecorators(ApiPropertyOptional({ enum: [...values], description }), IsOptional(), IsIn([...values]));

/** An optional calendar year. */
export const YearQuery = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1900, maximum: 2200, example: 2026 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1900),
    Max(2200),
  );

/** `limit` and `offset`, common to every report. */
export class PageRequestDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;
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
    description:
      'Only rows changed by an event after this global log position (the X-Read-Model-Position of an earlier answer); rows then come in position order',
  })
  @IsOptional()
  @IsLogPosition('$property must be a decimal log position')
  sincePosition?: string;
}

/** A feed of rows that belong to one COE each. */
export class CoeFeedRequestDto extends FeedRequestDto {
  @TextQuery('Only rows of this COE', 100) coeId?: string;
}

/** The host filters of the COE overview, added to `Base` (the overview and the portfolio grouped from it share them). */
export function WithCoeHostFilters<B extends Class<PageRequestDto>>(Base: B) {
  class CoeHostFilters extends Base {
    @EnumQuery(MEMBER_ECONOMY_CODES, 'ISO 3166-1 alpha-2 code of an APO member') memberEconomy?: string;
    @TextQuery('Case-insensitive exact match') focusArea?: string;
    @TextQuery('Host institutions whose name contains this text (ASCII letters compared case-insensitively)') host?: string;
    @EnumQuery(HOST_TYPES, 'The host institution is an NPO or another institution') hostType?: string;
    @TextQuery('The nominating NPO, case-insensitive exact match') nominatingNpo?: string;
  }
  return CoeHostFilters;
}

/** The sending and hosting member economies of a BCN exchange, added to `Base`. */
export function WithBcnEconomyFilters<B extends Class<PageRequestDto>>(Base: B) {
  class BcnEconomyFilters extends Base {
    @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the sending NPO') sendingEconomy?: string;
    @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the hosting NPO') hostingEconomy?: string;
  }
  return BcnEconomyFilters;
}
