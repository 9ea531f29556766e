import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of ApproveExchange. */
export class ApproveExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-04-15' })
  @IsCalendarDate()
  approvedOn!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  remarks?: string;
}
