import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsObject, IsOptional } from 'class-validator';

/** One line of docs/import.md's JSON Lines format. */
class ImportLineDto {
  @ApiProperty({ example: 'ph-agri' }) instance!: string;
  @ApiProperty({ example: 'StartReview' }) command!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { startedOn: '2014' } }) data!: Record<string, unknown>;
}

/** A portfolio's lines (docs/import.md), at most 1,000 per request: a larger file goes in parts, or through `coe import`. */
export class ImportRequestDto {
  @ApiProperty({ type: [ImportLineDto], minItems: 1, maxItems: 1000, description: 'One command per line, each COE in the order its facts happened' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  lines!: Record<string, unknown>[];
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Decide every line and report; store nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}
