import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OffsetQuery } from '../../http/query-limits';
import { WEBHOOK_ID } from '../shared/notifications-route.decorator';

export const DEFAULT_DEAD_LETTER_LIMIT = 100;
export const MAX_DEAD_LETTER_LIMIT = 1_000;

/** Dead letters of every webhook, or of one; paged. */
export class ListDeadLettersRequestDto {
  @ApiPropertyOptional({ example: 'chat', description: 'Only the dead letters of this webhook (its configured id)' })
  @IsOptional()
  @Matches(WEBHOOK_ID, { message: 'must be a webhook id (letters, digits, ".", "_", "-"; at most 64)' })
  webhook?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DEAD_LETTER_LIMIT, default: DEFAULT_DEAD_LETTER_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DEAD_LETTER_LIMIT)
  limit?: number;

  @OffsetQuery()
  offset?: number;
}
