import { HOST_TYPES } from '@apo/coe';
import { MEMBER_ECONOMY_CODES } from '../../../http/request-validators';
import { EnumQuery, PageRequestDto, TextQuery } from '../../shared/report-request.dto';

/** Filters of the portfolio summary (an aggregate: no sincePosition feed). */
export class GetPortfolioSummaryRequestDto extends PageRequestDto {
  @EnumQuery(MEMBER_ECONOMY_CODES, 'ISO 3166-1 alpha-2 code of an APO member') memberEconomy?: string;
  @TextQuery('Case-insensitive exact match') focusArea?: string;
  @TextQuery('Host institutions whose name contains this text (ASCII letters compared case-insensitively)') host?: string;
  @EnumQuery(HOST_TYPES, 'The host institution is an NPO or another institution') hostType?: string;
  @TextQuery('The nominating NPO, case-insensitive exact match') nominatingNpo?: string;
}
