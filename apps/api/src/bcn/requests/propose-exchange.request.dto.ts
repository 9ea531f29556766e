import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of ProposeExchange. */
export class ProposeExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-03-01' })
  @IsCalendarDate()
  proposedOn!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  rationale?: string;
}
