import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Which signed checkpoint the bundle proves the events in: a stored checkpoint's tree size, default the latest. */
export class GetEvidenceRequestDto {
  @ApiPropertyOptional({ example: 1000, description: 'The tree size of a stored signed checkpoint (default: the latest)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}
