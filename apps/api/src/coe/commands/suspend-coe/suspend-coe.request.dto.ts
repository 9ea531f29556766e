import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { BusinessDate } from '../../shared/request-parts.dto';

/** Body of SuspendCoe. */
export class SuspendCoeRequestDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @BusinessDate()
  suspendedOn!: string;
}
