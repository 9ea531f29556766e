import { PERIODS, RECOMMENDATIONS } from '@apo/coe';
import { CoeFeedRequestDto, EnumQuery } from '../../shared/report-request.dto';

/** Filters of the assessment history; all optional, combined with AND. */
export class ListAssessmentsRequestDto extends CoeFeedRequestDto {
  @EnumQuery(PERIODS, 'The period assessed') period?: string;
  @EnumQuery(RECOMMENDATIONS) recommendation?: string;
}
