import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROGRAMMES } from '@apo/programmes';
import { MAX_WITHIN_DAYS } from '@apo/read-queries';
import { BooleanQuery, EnumQuery, PageRequestDto } from '../reports/shared/report-request.dto';

/** Filters of one instance's deadlines; all optional, combined with AND. */
export class InstanceDeadlinesRequestDto extends PageRequestDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_WITHIN_DAYS,
    example: 30,
    description: 'Only deadlines due within this many days from today (overdue ones included)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WITHIN_DAYS)
  withinDays?: number;

  @BooleanQuery('true: only deadlines past their due date; false: only those not yet past it') overdue?: boolean;
}

/** Filters of the portfolio's deadlines. */
export class ListDeadlinesRequestDto extends InstanceDeadlinesRequestDto {
  @EnumQuery(PROGRAMMES.map((p) => p.key), 'Only this programme')
  programme?: string;
}
