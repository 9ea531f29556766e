import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of ReinstateCoe. */
export class ReinstateCoeRequestDto {
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  reinstatedOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}
