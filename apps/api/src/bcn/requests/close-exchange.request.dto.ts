import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of CloseExchange. */
export class CloseExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-12-20' })
  @IsCalendarDate()
  closedOn!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  remarks?: string;
}
