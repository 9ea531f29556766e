import { MEMBER_ECONOMY_CODES } from '../../../http/request-validators';
import { CoeFeedRequestDto, EnumQuery, TextQuery } from '../../shared/report-request.dto';

/** Filters of the replication records; all optional, combined with AND. */
export class ListReplicationsRequestDto extends CoeFeedRequestDto {
  @EnumQuery(MEMBER_ECONOMY_CODES, 'The economy the work was replicated in') targetEconomy?: string;
  @TextQuery('The BCN exchange the replication belongs to', 100) bcnExchangeId?: string;
}
