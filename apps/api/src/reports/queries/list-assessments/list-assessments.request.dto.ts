import { NEXT_STAGES, PERIODS, RECOMMENDATIONS } from '@apo/coe';
import { CoeFeedRequestDto, EnumQuery } from '../../shared/report-request.dto';

const ASSESSED = [...PERIODS, 'network'] as const;

/** Filters of the assessment history; all optional, combined with AND. */
export class ListAssessmentsRequestDto extends CoeFeedRequestDto {
  @EnumQuery(['period', 'status'], 'A period of the 1-3-1 cycle assessed, or (version 2) a status assessment in the COE network') kind?: string;
  @EnumQuery(ASSESSED, 'The period assessed (network: a status assessment)') period?: string;
  @EnumQuery([...RECOMMENDATIONS, ...NEXT_STAGES], 'What it recommended (a status assessment: the next stage)') recommendation?: string;
}
