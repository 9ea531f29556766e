import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_ECONOMY_CODES } from '../../http/request-validators';
import { BusinessDate, HostInstitutionDto } from './coe-request-parts';

/** Body of SubmitApplication. */
export class SubmitApplicationRequestDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: MEMBER_ECONOMY_CODES, description: 'ISO 3166-1 alpha-2 code of an APO member' })
  @IsIn(MEMBER_ECONOMY_CODES)
  memberEconomy!: string;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nominatingNpo!: string;

  @ApiProperty({ type: () => HostInstitutionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HostInstitutionDto)
  hostInstitution!: HostInstitutionDto;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  focusArea!: string;

  @BusinessDate({ example: '2015-04' })
  appliedOn!: string;

  @ApiPropertyOptional({
    description:
      'true: a COE entered from history (an import). Until CompleteHistoricalEntry it owes no deadline, so the scheduler writes no notice for deadlines met by steps not yet entered',
  })
  @IsOptional()
  @IsBoolean()
  historical?: boolean;
}
