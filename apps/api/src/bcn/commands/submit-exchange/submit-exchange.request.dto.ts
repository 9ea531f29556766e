import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../../coe/shared/request-parts.dto';

/** Body of SubmitExchange. */
export class SubmitExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-03-28' })
  @IsCalendarDate()
  submittedOn!: string;
}
