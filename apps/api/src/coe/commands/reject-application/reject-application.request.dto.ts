import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of RejectApplication. */
export class RejectApplicationRequestDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  decidedOn!: string;
}
