import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { BusinessDate, GoverningBodyDecisionDto } from './coe-request-parts';

/** Body of DesignateCoe. */
export class DesignateCoeRequestDto {
  @ApiProperty({ type: () => GoverningBodyDecisionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => GoverningBodyDecisionDto)
  governingBody!: GoverningBodyDecisionDto;

  @BusinessDate({
    example: '2025-07-01',
    description:
      'The planned launch. When every day it covers is past, the COE is launched in the same command (CoeDesignated on the decision date, then CoeLaunched on this date: active.designation); otherwise it is designated, launching on this date, until LaunchCoe',
  })
  launchDate!: string;
}
