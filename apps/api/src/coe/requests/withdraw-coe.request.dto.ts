import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { BusinessDate } from './coe-request-parts';

/** Body of WithdrawCoe. */
export class WithdrawCoeRequestDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @BusinessDate()
  withdrawnOn!: string;
}
