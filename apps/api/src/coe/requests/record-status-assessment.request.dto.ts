import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NEXT_STAGES } from '@apo/coe';
import { BusinessDate, ScoresDto } from './coe-request-parts';

/** Body of RecordStatusAssessment. */
export class RecordStatusAssessmentRequestDto {
  @ApiProperty({ maxLength: 100, description: 'Unique within the COE (period and status assessments alike); corrections name it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  assessmentId!: string;

  @BusinessDate({ example: '2032-06' })
  assessedOn!: string;

  @ApiProperty({ type: () => ScoresDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScoresDto)
  scores!: ScoresDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'The mean of the five criteria when not given' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(5)
  overall?: number;

  @ApiProperty({ enum: NEXT_STAGES, description: 'The next stage the assessment recommends' })
  @IsIn(NEXT_STAGES)
  recommendedStage!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  notes?: string;
}
