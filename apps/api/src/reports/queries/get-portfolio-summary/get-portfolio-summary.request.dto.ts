import { MEMBER_ECONOMY_CODES } from '../../../coe/shared/request-parts.dto';
import { EnumQuery, PageRequestDto, TextQuery } from '../../shared/report-request.dto';

/** Filters of the portfolio summary (an aggregate: no sincePosition feed). */
export class GetPortfolioSummaryRequestDto extends PageRequestDto {
  @EnumQuery(MEMBER_ECONOMY_CODES, 'ISO 3166-1 alpha-2 code of an APO member') memberEconomy?: string;
  @TextQuery('Case-insensitive exact match') focusArea?: string;
}
