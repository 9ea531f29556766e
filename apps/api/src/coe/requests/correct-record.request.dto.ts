import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIVITY_KINDS, CORRECTABLE_FACTS, NEXT_STAGES, PERIODS, PUBLICATION_KINDS, RECOMMENDATIONS } from '@apo/coe';
import { INPUT_LIMITS } from '@apo/engine';
import { MEMBER_ECONOMY_CODES } from '../../http/request-validators';
import { BusinessDate, ParticipantsDto, ScoresDto } from './coe-request-parts';

const id = (description: string) => [ApiPropertyOptional({ maxLength: 100, description }), IsOptional(), IsString(), IsNotEmpty(), MaxLength(100)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** The one recorded fact a correction supersedes, by its business identity (exactly one of the identities). */
export class CorrectionTargetDto {
  @apply(id('A period or status assessment')) assessmentId?: string;
  @apply(id('An activity')) activityId?: string;
  @apply(id('A publication')) publicationId?: string;
  @apply(id('A replication')) replicationId?: string;

  @ApiPropertyOptional({ enum: CORRECTABLE_FACTS, description: 'A life-cycle fact' })
  @IsOptional()
  @IsIn(CORRECTABLE_FACTS)
  fact?: string;

  @ApiPropertyOptional({ enum: PERIODS, description: 'With `fact`: the period of an assessment-bound fact (an advance, an extension)' })
  @IsOptional()
  @IsIn(PERIODS)
  period?: string;

  @BusinessDate({ optional: true, description: 'With `fact`: its recorded date, when the fact happened more than once' })
  on?: string;
}

/** What changes: the fields of the corrected fact that the correction states (each checked against the fact it names). */
export class CorrectionChangesDto {
  @BusinessDate({ optional: true, description: 'An assessment' }) assessedOn?: string;

  @ApiPropertyOptional({ type: () => ScoresDto, description: 'An assessment (the overall is recomputed when not given)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScoresDto)
  scores?: ScoresDto;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'An assessment' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(5)
  overall?: number;

  @ApiPropertyOptional({ maxLength: 5000, description: 'An assessment' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({ enum: RECOMMENDATIONS, description: 'A period assessment no later step relied on' })
  @IsOptional()
  @IsIn(RECOMMENDATIONS)
  recommendation?: string;

  @ApiPropertyOptional({ enum: NEXT_STAGES, description: 'A status assessment no next-stage decision relied on' })
  @IsOptional()
  @IsIn(NEXT_STAGES)
  recommendedStage?: string;

  @BusinessDate({ optional: true, description: 'A record, or a life-cycle fact (its new date)' }) date?: string;

  @ApiPropertyOptional({ enum: [...ACTIVITY_KINDS, ...PUBLICATION_KINDS], description: 'An activity or a publication' })
  @IsOptional()
  @IsIn([...ACTIVITY_KINDS, ...PUBLICATION_KINDS])
  kind?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'An activity or a publication' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: () => [ParticipantsDto], description: 'An activity' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => ParticipantsDto)
  participants?: ParticipantsDto[];

  @ApiPropertyOptional({ type: [String], maxItems: 200, items: { type: 'string', maxLength: INPUT_LIMITS.listItemChars }, description: 'An activity' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(INPUT_LIMITS.listItemChars, { each: true })
  outputs?: string[];

  @ApiPropertyOptional({ enum: MEMBER_ECONOMY_CODES, description: 'A replication' })
  @IsOptional()
  @IsIn(MEMBER_ECONOMY_CODES)
  targetEconomy?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'A replication' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description?: string;

  @apply(id('A replication')) bcnExchangeId?: string;
}

/** Body of CorrectRecord. */
export class CorrectRecordRequestDto {
  @ApiProperty({ type: () => CorrectionTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionTargetDto)
  corrects!: CorrectionTargetDto;

  @ApiProperty({ type: () => CorrectionChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesDto)
  changes!: CorrectionChangesDto;

  @ApiProperty({ maxLength: 2000, description: 'Why the recorded fact was wrong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
