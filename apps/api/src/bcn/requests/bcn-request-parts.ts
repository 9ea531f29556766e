import { applyDecorators } from '@nestjs/common';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTICIPANT_CATEGORIES } from '@apo/bcn';

/**
 * An NPO, named by its member economy's ISO code (one NPO per APO member). The edge checks the
 * shape; whether it names a member is the domain's rule, answered 409 BCN.UNKNOWN_ECONOMY.
 */
export const NpoCode = (description: string, options: { optional?: boolean } = {}) => {
  const doc = { example: 'TH', pattern: '^[A-Z]{2}$', description: `${description}: ISO 3166-1 alpha-2 code of its APO member economy (409 BCN.UNKNOWN_ECONOMY for a non-member)` };
  const shape = Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. TH' });
  return options.optional ? applyDecorators(ApiPropertyOptional(doc), IsOptional(), shape) : applyDecorators(ApiProperty(doc), shape);
};

/** One overseas participant on the roster. */
export class ParticipantDto {
  @ApiProperty({ maxLength: 200, example: 'Somphone Keola' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 200, example: 'Director General' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  position!: string;

  @ApiProperty({ enum: PARTICIPANT_CATEGORIES, description: 'Only highLevelOfficial, policymaker and npoOfficial are eligible (409 BCN.PARTICIPANT_NOT_ELIGIBLE)' })
  @IsIn(PARTICIPANT_CATEGORIES)
  category!: string;
}
