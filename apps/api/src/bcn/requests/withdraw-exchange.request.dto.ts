import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WITHDRAWN_BY } from '@apo/bcn';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of WithdrawExchange. */
export class WithdrawExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-05-01' })
  @IsCalendarDate()
  withdrawnOn!: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({ enum: WITHDRAWN_BY })
  @IsOptional()
  @IsIn(WITHDRAWN_BY)
  requestedBy?: string;
}
