import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { HostInstitutionDto, IsCalendarDate, MEMBER_ECONOMY_CODES } from '../../shared/request-parts.dto';

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

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  appliedOn!: string;
}
