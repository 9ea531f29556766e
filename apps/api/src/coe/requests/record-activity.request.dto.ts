import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INPUT_LIMITS } from '@apo/engine';
import { ACTIVITY_KINDS } from '@apo/coe';
import { BusinessDate, ParticipantsDto } from './coe-request-parts';

/** Body of RecordActivity. */
export class RecordActivityRequestDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  activityId!: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind!: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @BusinessDate()
  date!: string;

  @ApiProperty({ type: () => [ParticipantsDto] })
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => ParticipantsDto)
  participants!: ParticipantsDto[];

  @ApiPropertyOptional({ type: [String], maxItems: 200, items: { type: 'string', maxLength: INPUT_LIMITS.listItemChars } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(INPUT_LIMITS.listItemChars, { each: true })
  outputs?: string[];
}
