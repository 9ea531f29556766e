import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class EraseSubjectRequestDto {
  @ApiProperty({
    description: 'Why: the request behind the erasure (recorded in the log; never the data itself)',
    example: 'PDPA request 2026-114 by the participant',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
