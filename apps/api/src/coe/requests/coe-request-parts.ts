import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBusinessDate, MEMBER_ECONOMY_CODES } from '../../http/request-validators';

const BUSINESS_DATE_DOC =
  'A business date as known: YYYY, YYYY-MM or YYYY-MM-DD; a partial date stands for every day it covers and is kept as given. A COE recorded on definition version 1 (`definitionVersion` of GET /coes/{id}) takes YYYY-MM-DD only.';

/** A COE command's business-date field: validated and documented as the three forms. */
export function BusinessDate(options: { optional?: boolean; example?: string; description?: string } = {}): PropertyDecorator {
  const doc = {
    type: 'string' as const,
    pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$',
    example: options.example ?? '2026-03-31',
    description: options.description ? `${options.description}. ${BUSINESS_DATE_DOC}` : BUSINESS_DATE_DOC,
  };
  return options.optional ? applyDecorators(ApiPropertyOptional(doc), IsOptional(), IsBusinessDate()) : applyDecorators(ApiProperty(doc), IsBusinessDate());
}

/** The Governing Body meeting of a decision dated by `decidedOn` (an extension, a next stage): its date, if given, is `decidedOn`. */
export class GoverningBodyMeetingDto {
  @ApiProperty({ example: '58th Governing Body Meeting, Tokyo', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  meeting!: string;

  @BusinessDate({ optional: true, example: '2018-04-12', description: 'When given, equal to decidedOn (COE.DECISION_DATES_DIFFER otherwise)' })
  decisionDate?: string;
}

const score = () => [ApiProperty({ minimum: 1, maximum: 5 }), IsInt(), Min(1), Max(5)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

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
