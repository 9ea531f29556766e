import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http/request-validators';
import { NpoCode } from './bcn-request-parts';

/** Body of DraftExchange. */
export class DraftExchangeRequestDto {
  @ApiProperty({ maxLength: 300, example: 'Digital maturity toolkit for Lao SMEs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ maxLength: 300, example: 'digital transformation of SMEs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  topic!: string;

  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2030 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  programmeYear!: number;

  @NpoCode('The sending NPO')
  sendingNpo!: string;

  @NpoCode('The hosting NPO requested (confirmed when scheduling)', { optional: true })
  hostingNpo?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  objectives?: string;

  @ApiProperty({ format: 'date', example: '2030-01-20' })
  @IsCalendarDate()
  draftedOn!: string;
}
