import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of StartReview. */
export class StartReviewRequestDto {
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  startedOn!: string;
}
