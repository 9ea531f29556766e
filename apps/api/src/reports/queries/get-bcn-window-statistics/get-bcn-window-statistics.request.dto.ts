import { ORIGINS } from '@apo/bcn';
import { EnumQuery, PageRequestDto, YearQuery } from '../../shared/report-request.dto';

/** Filters of the window statistics (an aggregate: no sincePosition feed). */
export class GetBcnWindowStatisticsRequestDto extends PageRequestDto {
  @YearQuery() programmeYear?: number;
  @EnumQuery(ORIGINS, 'application (windows) or secretariat (proposals)') origin?: string;
}
