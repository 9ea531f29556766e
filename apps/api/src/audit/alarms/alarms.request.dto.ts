import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** POST /audit/alarms/acknowledge: why, and which alarms (default: every open one). */
export class AcknowledgeAlarmsDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: 'Restored events.sqlite from the 02:00 backup after the disk failure; the lost tail is re-entered from the paper files (ticket 4711)',
    description: 'Why the log may be trusted again: kept with the alarm, for the auditors',
  })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ type: [Number], maxItems: 1000, example: [1], description: 'The alarms to acknowledge (default: every open one)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];
}
