import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of RecordImplementation. */
export class RecordImplementationRequestDto {
  @ApiProperty({ format: 'date', example: '2030-06-12' })
  @IsCalendarDate()
  implementedOn!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  participantsAttended?: number;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  notes?: string;
}
