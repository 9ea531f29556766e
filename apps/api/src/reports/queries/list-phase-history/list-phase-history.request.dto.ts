import { PHASE_HISTORY_PERIODS, PHASE_HISTORY_PHASES, PHASE_OUTCOMES } from '@apo/read-queries';
import { BooleanQuery, CoeFeedRequestDto, EnumQuery } from '../../shared/report-request.dto';

/** Filters of the phase history; all optional, combined with AND. */
export class ListPhaseHistoryRequestDto extends CoeFeedRequestDto {
  @EnumQuery(PHASE_HISTORY_PERIODS, 'A period of the 1-3-1 cycle, or (version 2) designated awaiting launch, or a network stage (entered again: also its #2, #3... rows)') period?: string;
  @EnumQuery(PHASE_HISTORY_PHASES) phase?: string;
  @EnumQuery(PHASE_OUTCOMES, 'How the period ended (open: not yet)') outcome?: string;
  @BooleanQuery('Ended by its due date (true) or after it (false); open periods match neither') onSchedule?: boolean;
}
