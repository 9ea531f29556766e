import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INPUT_LIMITS } from '@apo/engine';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of SubmitReport. */
export class SubmitReportRequestDto {
  @ApiProperty({ format: 'date', example: '2030-07-05' })
  @IsCalendarDate()
  reportedOn!: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, items: { type: 'string', maxLength: INPUT_LIMITS.listItemChars } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(INPUT_LIMITS.listItemChars, { each: true })
  @IsNotEmpty({ each: true })
  outcomes?: string[];
}
