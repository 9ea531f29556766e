import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BusinessDate, GoverningBodyDecisionDto } from './coe-request-parts';

/** Body of TerminateCoe. */
export class TerminateCoeRequestDto {
  @ApiProperty({ enum: ['assessment', 'governingBody'] })
  @IsIn(['assessment', 'governingBody'])
  basis!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @BusinessDate()
  terminatedOn!: string;

  @ApiPropertyOptional({ type: () => GoverningBodyDecisionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GoverningBodyDecisionDto)
  governingBody?: GoverningBodyDecisionDto;
}
