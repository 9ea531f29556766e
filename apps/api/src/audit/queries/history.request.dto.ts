import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const HISTORY_FORMATS = ['json', 'timeline'] as const;

export class GetHistoryRequestDto {
  @ApiPropertyOptional({ enum: HISTORY_FORMATS, description: 'timeline: readable text (as Accept: text/plain); default JSON' })
  @IsOptional()
  @IsIn(HISTORY_FORMATS)
  format?: (typeof HISTORY_FORMATS)[number];
}
