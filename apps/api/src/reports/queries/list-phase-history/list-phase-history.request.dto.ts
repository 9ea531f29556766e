import { PERIODS, PHASES } from '@apo/coe';
import { BooleanQuery, CoeFeedRequestDto, EnumQuery } from '../../shared/report-request.dto';

export const PERIOD_OUTCOMES = ['advanced', 'graduated', 'terminated', 'withdrawn', 'open'] as const;

/** Filters of the phase history; all optional, combined with AND. */
export class ListPhaseHistoryRequestDto extends CoeFeedRequestDto {
  @EnumQuery(PERIODS) period?: string;
  @EnumQuery(PHASES) phase?: string;
  @EnumQuery(PERIOD_OUTCOMES, 'How the period ended (open: not yet)') outcome?: string;
  @BooleanQuery('Ended by its due date (true) or after it (false); open periods match neither') onSchedule?: boolean;
}
