import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of ExtendPhase. */
export class ExtendPhaseRequestDto {
  @ApiProperty({ minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  months!: number;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  extendedOn!: string;
}
