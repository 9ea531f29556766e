import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { BusinessDate } from './coe-request-parts';

/** Body of ReinstateCoe. */
export class ReinstateCoeRequestDto {
  @BusinessDate()
  reinstatedOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason?: string;
}
