import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { HOST_TYPES } from '@apo/coe';
import { isIsoDate } from '@apo/engine';
import { MEMBER_ECONOMIES } from '@apo/reference';

export const MEMBER_ECONOMY_CODES = MEMBER_ECONOMIES.map((m) => m.iso2);

/** A real calendar date written YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isCalendarDate', validator: { validate: isIsoDate, defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD` } }, options);

export class HostInstitutionDto {
  @ApiProperty({ maxLength: 300, example: 'Malaysia Productivity Corporation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: HOST_TYPES, description: 'npo, or another institution such as a national research organisation' })
  @IsIn(HOST_TYPES)
  type!: string;
}

export class GoverningBodyDecisionDto {
  @ApiProperty({ example: '65th Governing Body Meeting, Manila', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  meeting!: string;

  @ApiProperty({ format: 'date', example: '2025-04-16' })
  @IsCalendarDate()
  decisionDate!: string;
}

const score = () => [ApiProperty({ minimum: 1, maximum: 5 }), IsInt(), Min(1), Max(5)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** Per-criterion scores, integers 1-5. */
export class ScoresDto {
  @apply(score()) competency!: number;
  @apply(score()) dissemination!: number;
  @apply(score()) collaboration!: number;
  @apply(score()) outputs!: number;
  @apply(score()) impact!: number;
}

export class ParticipantsDto {
  @ApiProperty({ enum: MEMBER_ECONOMY_CODES })
  @IsIn(MEMBER_ECONOMY_CODES)
  economy!: string;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100_000)
  count!: number;
}

