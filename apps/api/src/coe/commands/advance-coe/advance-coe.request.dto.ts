import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of AdvanceCoe. */
export class AdvanceCoeRequestDto {
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  advancedOn!: string;
}
