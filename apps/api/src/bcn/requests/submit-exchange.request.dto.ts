import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';

/** Body of SubmitExchange. */
export class SubmitExchangeRequestDto {
  @ApiProperty({ format: 'date', example: '2030-03-28' })
  @IsCalendarDate()
  submittedOn!: string;
}
