import { ACTIVITY_KINDS, PUBLICATION_KINDS } from '@apo/coe';
import { CoeFeedRequestDto, EnumQuery, YearQuery } from '../../shared/report-request.dto';

export const RECORD_CATEGORIES = ['activity', 'publication'] as const;

/** Filters of the activity and publication counts; all optional, combined with AND. */
export class ListActivityCountsRequestDto extends CoeFeedRequestDto {
  @YearQuery() year?: number;
  @EnumQuery(RECORD_CATEGORIES) category?: string;
  @EnumQuery([...ACTIVITY_KINDS, ...PUBLICATION_KINDS], 'An activity kind (training, workshop...) or a publication kind (trainingKit, manual, caseStudy)') kind?: string;
}
