import { FOLLOW_UP_KINDS } from '@apo/bcn';
import { MEMBER_ECONOMY_CODES } from '../../../http/request-validators';
import { EnumQuery, PageRequestDto, TextQuery, YearQuery } from '../../shared/report-request.dto';

/** Filters of the follow-up counts (an aggregate: no sincePosition feed). */
export class ListBcnFollowUpCountsRequestDto extends PageRequestDto {
  @TextQuery('Only the follow-ups of this exchange', 100) exchangeId?: string;
  @YearQuery() year?: number;
  @EnumQuery(FOLLOW_UP_KINDS) kind?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the sending NPO') sendingEconomy?: string;
  @EnumQuery(MEMBER_ECONOMY_CODES, 'Member economy of the hosting NPO') hostingEconomy?: string;
}
