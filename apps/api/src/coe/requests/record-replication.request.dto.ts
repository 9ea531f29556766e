import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_ECONOMY_CODES } from '../../http/request-validators';
import { BusinessDate } from './coe-request-parts';

/** Body of RecordReplication. */
export class RecordReplicationRequestDto {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  replicationId!: string;

  @ApiProperty({ enum: MEMBER_ECONOMY_CODES, description: 'ISO 3166-1 alpha-2 code of an APO member' })
  @IsIn(MEMBER_ECONOMY_CODES)
  targetEconomy!: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description!: string;

  @BusinessDate()
  date!: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  bcnExchangeId?: string;
}
