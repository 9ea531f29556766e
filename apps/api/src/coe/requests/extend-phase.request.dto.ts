import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECIDERS } from '@apo/coe';
import { IsCalendarDate } from '../../http/request-validators';
import { BusinessDate, GoverningBodyMeetingDto } from './coe-request-parts';

const VERSION_1 = ['months', 'extendedOn'] as const;
const VERSION_2 = ['decidedBy', 'decidedOn', 'until', 'governingBody'] as const;

/** A version 1 field is not sent with version 2's: one body is one version's extension. */
const NotWithVersion2Fields = () =>
  ValidateBy({
    name: 'notWithVersion2Fields',
    validator: {
      validate: (_, args) => VERSION_2.every((field) => (args?.object as Record<string, unknown>)[field] === undefined),
      defaultMessage: (args) =>
        `${args?.property} is a field of a definition version 1 extension (${VERSION_1.join(', ')}, reason); do not send it with version 2's (${VERSION_2.join(', ')}, reason)`,
    },
  });

/**
 * Body of ExtendPhase. A COE decides on the definition version it was recorded with
 * (`definitionVersion` of GET /coes/{id}): version 2 takes who decided, when and until when;
 * version 1 (COEs recorded before version 2) takes a number of months. The definition refuses
 * the other version's shape, naming the fields its own version requires.
 */
export class ExtendPhaseRequestDto {
  @ApiPropertyOptional({
    enum: DECIDERS,
    description: 'Version 2: the Secretariat (on an assessment recommending extend, within its limits) or the Governing Body',
  })
  @IsOptional()
  @IsIn(DECIDERS)
  decidedBy?: string;

  @BusinessDate({ optional: true, example: '2026-06-12', description: 'Version 2: the date of the decision' })
  decidedOn?: string;

  @BusinessDate({ optional: true, example: '2026-10-01', description: "Version 2: the period's new due date; it must be later than the current one" })
  until?: string;

  @ApiPropertyOptional({ type: () => GoverningBodyMeetingDto, description: 'Version 2, a Governing Body decision only: its meeting' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GoverningBodyMeetingDto)
  governingBody?: GoverningBodyMeetingDto;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'Version 1 only: months added to the due date (one extension per phase)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  @NotWithVersion2Fields()
  months?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-31', description: 'Version 1 only: the date of the extension, YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  @NotWithVersion2Fields()
  extendedOn?: string;
}
