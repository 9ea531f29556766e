import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODALITIES } from '@apo/bcn';
import { IsCalendarDate } from '../../http/request-validators';
import { NpoCode, ParticipantDto } from './bcn-request-parts';

/** Body of ScheduleExchange. */
export class ScheduleExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-05-02' })
  @IsCalendarDate()
  scheduledOn!: string;

  @ApiProperty({ format: 'date', example: '2030-06-10' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2030-06-13' })
  @IsCalendarDate()
  endDate!: string;

  @ApiProperty({ enum: MODALITIES })
  @IsIn(MODALITIES)
  modality!: string;

  @NpoCode('The hosting NPO')
  hostingNpo!: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Bangkok' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  venue?: string;

  @ApiProperty({ type: () => [ParticipantDto], minItems: 1, maxItems: 50, description: 'Overseas participants: up to 10 virtual or 4 face to face (409 BCN.TOO_MANY_PARTICIPANTS)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants!: ParticipantDto[];
}
