import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of RejectExchange. */
export class RejectExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-04-15' })
  @IsCalendarDate()
  rejectedOn!: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}
