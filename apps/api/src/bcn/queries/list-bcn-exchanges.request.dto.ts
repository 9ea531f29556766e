import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListRequestDto, SortQuery } from '../../http/list-request.dto';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MODALITIES, ORIGINS } from '@apo/bcn';
import { BCN_SORT_KEYS, BCN_STATES } from '@apo/read-queries';
import { MEMBER_ECONOMY_CODES } from '../../http/request-validators';

/** Filters of the BCN exchange list; all optional, combined with AND. */
export class ListBcnExchangesRequestDto extends ListRequestDto {
  @ApiPropertyOptional({ enum: BCN_STATES }) @IsOptional() @IsIn(BCN_STATES) state?: string;
  @ApiPropertyOptional({ minimum: 2000, maximum: 2100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) programmeYear?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Application window (1: first closing date, 2: second)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  window?: number;
  @ApiPropertyOptional({ enum: ORIGINS, description: 'application (a sending NPO) or secretariat (a proposal)' }) @IsOptional() @IsIn(ORIGINS) origin?: string;
  @ApiPropertyOptional({ enum: MODALITIES }) @IsOptional() @IsIn(MODALITIES) modality?: string;
  @ApiPropertyOptional({ enum: MEMBER_ECONOMY_CODES, description: 'Member economy of the sending NPO' })
  @IsOptional()
  @IsIn(MEMBER_ECONOMY_CODES)
  sendingEconomy?: string;
  @ApiPropertyOptional({ enum: MEMBER_ECONOMY_CODES, description: 'Member economy of the hosting NPO' })
  @IsOptional()
  @IsIn(MEMBER_ECONOMY_CODES)
  hostingEconomy?: string;
  @SortQuery(BCN_SORT_KEYS) sort?: string;
}
