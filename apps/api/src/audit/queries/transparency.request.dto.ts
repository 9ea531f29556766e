import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/** GET /audit/checkpoints: the latest, or the one of a tree size. */
export class GetCheckpointRequestDto {
  @ApiPropertyOptional({ minimum: 1, example: 1000, description: 'The checkpoint of this tree size (404 if none was signed at it); default: the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size?: number;
}

/** GET /audit/proofs/inclusion: which event, in which checkpoint. */
export class InclusionProofRequestDto {
  @ApiProperty({ example: 'coe-th-digital' })
  @IsString()
  @Length(1, 500)
  streamId!: string;

  @ApiProperty({ minimum: 0, example: 2 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  revision!: number;

  @ApiPropertyOptional({ minimum: 1, description: 'A signed checkpoint’s tree size (404 if none); default: the latest checkpoint' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  treeSize?: number;
}

/** GET /audit/proofs/consistency: between two signed checkpoints. */
export class ConsistencyProofRequestDto {
  @ApiProperty({ minimum: 1, description: 'The older checkpoint’s tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  from!: number;

  @ApiProperty({ minimum: 1, description: 'The newer checkpoint’s tree size (>= from)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  to!: number;
}
