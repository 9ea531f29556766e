import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECIDERS, NEXT_STAGES } from '@apo/coe';
import { BusinessDate, GoverningBodyMeetingDto } from './coe-request-parts';

/** Body of DecideNextStage. */
export class DecideNextStageRequestDto {
  @ApiProperty({ enum: NEXT_STAGES, description: 'continuedSupport (APO support continues), networkMember (in the network without APO funding) or retired (the designation retired: final)' })
  @IsIn(NEXT_STAGES)
  stage!: string;

  @ApiProperty({ enum: DECIDERS, description: 'The Secretariat decides the stage the latest status assessment recommends; the Governing Body any stage' })
  @IsIn(DECIDERS)
  decidedBy!: string;

  @BusinessDate({ example: '2032-04-16' })
  decidedOn!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ type: () => GoverningBodyMeetingDto, description: 'A Governing Body decision only: its meeting' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GoverningBodyMeetingDto)
  governingBody?: GoverningBodyMeetingDto;
}
