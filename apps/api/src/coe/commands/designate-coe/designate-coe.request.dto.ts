import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { GoverningBodyDecisionDto, IsCalendarDate } from '../../shared/request-parts.dto';

/** Body of DesignateCoe. */
export class DesignateCoeRequestDto {
  @ApiProperty({ type: () => GoverningBodyDecisionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => GoverningBodyDecisionDto)
  governingBody!: GoverningBodyDecisionDto;

  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsCalendarDate()
  launchDate!: string;
}
