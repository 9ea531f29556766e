import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min, ValidateBy } from 'class-validator';
import { BUSINESS_DATE_MESSAGE, isBusinessDateQuery, isRecordedTime, RECORDED_TIME_MESSAGE } from '@apo/audit';

const IsBusinessDate = () =>
  ValidateBy({ name: 'isBusinessDate', validator: { validate: isBusinessDateQuery, defaultMessage: (a) => `${a?.property} ${BUSINESS_DATE_MESSAGE}` } });
const IsRecordedTime = () =>
  ValidateBy({ name: 'isRecordedTime', validator: { validate: isRecordedTime, defaultMessage: (a) => `${a?.property} ${RECORDED_TIME_MESSAGE}` } });

/**
 * Which state (docs/audit.md, "Time travel"): as of a business date, as at a recorded time, both,
 * or a revision alone; none: now. The formats are checked by the audit's `checkAsOf`, which names
 * every bad field in one 400.
 */
export class GetStateRequestDto {
  @ApiPropertyOptional({
    example: '2027-03-31',
    description: 'Business date (YYYY-MM-DD, or YYYY-MM / YYYY from its first day): the facts in effect then, as corrected by what is known',
  })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'The same as asOf (its earlier name)' })
  @IsOptional()
  @IsBusinessDate()
  at?: string;

  @ApiPropertyOptional({
    example: '2026-03-03T12:00:00Z',
    description:
      'Recorded time (ISO instant, or YYYY-MM-DD: the end of that day, UTC): only what the system had recorded by then; alone, the state it showed then',
  })
  @IsOptional()
  @IsRecordedTime()
  asAt?: string;

  @ApiPropertyOptional({ minimum: 0, example: 12, description: 'Replay up to and including this revision (alone)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;
}
