import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsCalendarDate } from '../../../coe/shared/request-parts.dto';

/** As of a business date or a revision (not both); neither: now. */
export class GetStateRequestDto {
  @ApiPropertyOptional({ format: 'date', example: '2027-03-31', description: 'Replay the events effective on or before this date (stopping at the first dated later)' })
  @IsOptional()
  @IsCalendarDate()
  at?: string;

  @ApiPropertyOptional({ minimum: 0, example: 12, description: 'Replay up to and including this revision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}
