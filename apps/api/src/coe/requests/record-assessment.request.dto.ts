import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATIONS } from '@apo/coe';
import { BusinessDate, ScoresDto } from './coe-request-parts';

/** Body of RecordAssessment. */
export class RecordAssessmentRequestDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  assessmentId!: string;

  @BusinessDate()
  assessedOn!: string;

  @ApiProperty({ type: () => ScoresDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScoresDto)
  scores!: ScoresDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(5)
  overall?: number;

  @ApiProperty({ enum: RECOMMENDATIONS })
  @IsIn(RECOMMENDATIONS)
  recommendation!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  notes?: string;
}
