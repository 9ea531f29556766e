import { MEMBER_ECONOMY_CODES } from '../../../http/request-validators';
import { CoeFeedRequestDto, EnumQuery, YearQuery } from '../../shared/report-request.dto';

/** Filters of the participants by member economy; all optional, combined with AND. */
export class ListActivityParticipantsRequestDto extends CoeFeedRequestDto {
  @YearQuery() year?: number;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'The participants’ member economy') economy?: string;
}
