import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FOLLOW_UP_KINDS } from '@apo/bcn';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of RecordFollowUp. */
export class RecordFollowUpRequestDto {
  @ApiProperty({ maxLength: 100, example: 'fu-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  followUpId!: string;

  @ApiProperty({ enum: FOLLOW_UP_KINDS })
  @IsIn(FOLLOW_UP_KINDS)
  kind!: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ format: 'date', example: '2030-09-01' })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description?: string;
}
